/**
 * Reused memory for the big frames sent to one client: replies and welcomes that carry the queue
 * or pileup snapshot (30–40 KB with 100 queued).
 *
 * Each used to be a fresh allocation. glibc's malloc gives such blocks back to the kernel when they
 * are freed and the top of its heap grows past its trim threshold, so the next frame faulted its
 * pages in again: about eight page faults per `queue.list`, which ran at less than half the speed of
 * bare `ws` (docs/performance.md). A block now goes back to the pool once ws has handed its frame to
 * the kernel, and the next frame of about that size is written into it.
 */

/** Frames smaller than this come from Node's own small-buffer pool or a plain allocation. */
export const FRAME_POOL_MIN_BYTES = 16 * 1024;
/** Frames larger than this are rare (a queue of thousands); they are allocated and freed as before. */
export const FRAME_POOL_MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** The most memory the pool keeps while no frame uses it. */
export const FRAME_POOL_MAX_IDLE_BYTES = 16 * 1024 * 1024;

/** Bytes to send, and what to call once the socket no longer needs them (exactly once). */
export interface FrameBytes {
  bytes: Buffer;
  release: () => void;
  /** Whether `release` gives memory back: when not, the send need not wait to call it. */
  pooled: boolean;
}

const nothingToRelease = (): void => undefined;

/** Bytes that are not pooled: released to the garbage collector as usual. */
export function unpooled(bytes: Buffer): FrameBytes {
  return { bytes, release: nothingToRelease, pooled: false };
}

/**
 * The block size a frame of `size` bytes gets: the next quarter step between powers of two, so a
 * block wastes at most a fifth of itself and frames of about one size share one free list.
 */
export function blockSize(size: number): number {
  const power = 2 ** Math.floor(Math.log2(Math.max(1, size)));
  const step = Math.max(1, power / 4);
  return Math.ceil(size / step) * step;
}

export interface FramePoolLimits {
  minFrameBytes: number;
  maxFrameBytes: number;
  maxIdleBytes: number;
}

export class FramePool {
  private readonly free = new Map<number, Buffer[]>();
  private idleBytes = 0;
  private readonly limits: FramePoolLimits;

  constructor(limits: Partial<FramePoolLimits> = {}) {
    this.limits = { minFrameBytes: FRAME_POOL_MIN_BYTES, maxFrameBytes: FRAME_POOL_MAX_FRAME_BYTES, maxIdleBytes: FRAME_POOL_MAX_IDLE_BYTES, ...limits };
  }

  /** `size` bytes to fill; call `release` when they have been sent (or will never be). */
  take(size: number): FrameBytes {
    if (size < this.limits.minFrameBytes || size > this.limits.maxFrameBytes) return unpooled(Buffer.allocUnsafe(size));
    const capacity = blockSize(size);
    const block = this.free.get(capacity)?.pop();
    if (block !== undefined) this.idleBytes -= capacity;
    const owned = block ?? Buffer.allocUnsafeSlow(capacity);
    let released = false;
    return {
      bytes: owned.subarray(0, size),
      release: () => {
        if (released) return;
        released = true;
        this.giveBack(owned);
      },
      pooled: true
    };
  }

  /** Memory held for reuse (for tests and metrics). */
  get pooledBytes(): number {
    return this.idleBytes;
  }

  private giveBack(block: Buffer): void {
    if (this.idleBytes + block.length > this.limits.maxIdleBytes) return;
    let list = this.free.get(block.length);
    if (list === undefined) {
      list = [];
      this.free.set(block.length, list);
    }
    list.push(block);
    this.idleBytes += block.length;
  }
}
