/**
 * The server writes each big reply into memory the previous one used, once that one is sent: a
 * fresh 37 KB block per queue.list was handed back to the kernel by malloc and faulted in again,
 * which halved queue.list throughput (docs/performance.md).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FramePool } from '../../src/main/server/transport/frame-pool.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = null;
});

describe('big replies reuse memory', () => {
  it('50 queue.list replies with 100 queued share one or two blocks, each released once sent', async () => {
    h = await startHarness({ MAX_QUEUE_SIZE: '200' });
    const admin = await h.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    for (let i = 0; i < 100; i++) await admin.request('queue.register', { callsign: `W${i % 10}A${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}` });

    const take = FramePool.prototype.take;
    const blocks = new Set<ArrayBufferLike>();
    let taken = 0;
    let released = 0;
    vi.spyOn(FramePool.prototype, 'take').mockImplementation(function (this: FramePool, size: number) {
      const frame = take.call(this, size);
      taken++;
      blocks.add(frame.bytes.buffer);
      return { bytes: frame.bytes, release: () => (released++, frame.release()), pooled: frame.pooled };
    });

    for (let i = 0; i < 50; i++) {
      const reply = await admin.request('queue.list');
      expect(reply.queue).toHaveLength(100);
    }
    expect(taken).toBe(50);
    expect(released).toBe(50);
    expect(blocks.size).toBeLessThanOrEqual(2);
  });
});
