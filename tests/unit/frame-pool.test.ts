/** Big frames reuse memory once sent, instead of a fresh allocation each (which malloc may hand back to the kernel). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FramePool, FRAME_POOL_MIN_BYTES, blockSize } from '../../src/main/server/transport/frame-pool.js';

describe('frame pool', () => {
  it('gives a released block to the next frame of about the same size', () => {
    const pool = new FramePool();
    const first = pool.take(37_000);
    first.bytes.fill(1);
    const firstMemory = first.bytes.buffer;
    first.release();
    const second = pool.take(36_500);
    expect(second.bytes.buffer).toBe(firstMemory);
    expect(second.bytes.length).toBe(36_500);
    // Until it is released, a block is nobody else's.
    expect(pool.take(36_500).bytes.buffer).not.toBe(firstMemory);
  });

  it('takes a block back once however often release is called', () => {
    const pool = new FramePool();
    const frame = pool.take(40_000);
    frame.release();
    frame.release();
    expect(pool.pooledBytes).toBe(blockSize(40_000));
    const a = pool.take(40_000);
    const b = pool.take(40_000);
    expect(a.bytes.buffer).not.toBe(b.bytes.buffer);
  });

  it('keeps no more idle memory than its limit, and leaves small and huge frames to the allocator', () => {
    const pool = new FramePool({ maxIdleBytes: 100_000 });
    const frames = Array.from({ length: 5 }, () => pool.take(40_000));
    for (const frame of frames) frame.release();
    expect(pool.pooledBytes).toBeLessThanOrEqual(100_000);
    expect(pool.pooledBytes).toBeGreaterThan(0);
    const small = pool.take(FRAME_POOL_MIN_BYTES - 1);
    small.release();
    expect(pool.pooledBytes).toBeLessThanOrEqual(100_000);
    expect(new FramePool().take(8 * 1024 * 1024).bytes.length).toBe(8 * 1024 * 1024);
  });

  it('a block fits its frame and wastes at most a fifth of itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 * 1024 * 1024 }), (size) => {
        const block = blockSize(size);
        expect(block).toBeGreaterThanOrEqual(size);
        expect(block - size).toBeLessThanOrEqual(block / 5);
      })
    );
  });
});
