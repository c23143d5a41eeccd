/** The soak in short (the full ten-minute run is `npm run soak`): no gaps, no errors, no growth. */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../bench/soak.js';

describe('soak (short)', () => {
  it('many stations come and go while the operator works the queue: no event gaps, no errors', async () => {
    const result = await runSoak({ seconds: 20, stations: 60 });
    console.log(`soak: ${JSON.stringify(result)}`);
    expect(result.unexpectedErrors).toEqual([]);
    expect(result.serverErrorLines).toBe(0);
    expect(result.gapsSeen).toBe(0);
    expect(result.sessions).toBeGreaterThan(100);
    expect(result.qsos).toBeGreaterThan(20);
    expect(result.eventsSeen).toBeGreaterThan(1000);
    // Memory: the end should not sit far above the peak seen early on (no steady climb).
    expect(result.rssEndMb - result.rssStartMb).toBeLessThan(150);
  }, 60_000);
});
