/** The pileup rules, on the service itself with a real datastore in a temp folder. */
import { describe, expect, it, vi } from 'vitest';
import { QUEUE_ANNOUNCEMENT_MIN_SPACING_MS } from '../../src/shared/protocol/events.js';
import { ProtocolError } from '../../src/shared/protocol/errors.js';
import { EventHub } from '../../src/main/server/pileup/event-hub.js';
import { PileupService } from '../../src/main/server/pileup/pileup-service.js';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { silentLogger } from '../../src/main/server/logger.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { lookupDxcc } from '../../src/main/server/integrations/dxcc.js';

async function pileup(maxQueueSize = 4) {
  const limit = { value: maxQueueSize };
  const hub = new EventHub();
  const events: string[] = [];
  hub.subscribe((message) => events.push(message.event));
  const service = await PileupService.open(await PileupStore.open(await makeDataDir()), hub, {
    maxQueueSize: () => limit.value,
    logger: silentLogger()
  });
  return { service, events, limit };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof ProtocolError ? error.code : String(error);
  }
}

describe('pileup rules', () => {
  it('starts off the air, and registering needs the system active', async () => {
    const { service } = await pileup();
    expect(service.isActive).toBe(false);
    expect(await codeOf(service.register('W1AW'))).toBe('SYSTEM_INACTIVE');
  });

  it('is first in, first out with 1-based positions that close up after a removal', async () => {
    const { service } = await pileup();
    await service.setActive(true, 'op');
    for (const call of ['W1AW', 'K1ABC', 'G4ABC']) await service.register(call);
    expect(service.getQueue().queue.map((e) => [e.callsign, e.position])).toEqual([['W1AW', 1], ['K1ABC', 2], ['G4ABC', 3]]);
    await service.removeCallsign('W1AW');
    expect(service.findEntry('G4ABC')?.position).toBe(2);
  });

  it('refuses a callsign already queued or being worked', async () => {
    const { service } = await pileup();
    await service.setActive(true, 'op');
    await service.register('W1AW');
    expect(await codeOf(service.register('W1AW'))).toBe('DUPLICATE_CALLSIGN');
    await service.nextQso('op');
    expect(await codeOf(service.register('W1AW'))).toBe('DUPLICATE_CALLSIGN');
    await service.completeQso('op');
    expect(await codeOf(service.register('W1AW'))).toBe('no error');
  });

  it('enforces the maximum size, read live so a changed setting applies at once', async () => {
    const { service, limit } = await pileup(2);
    await service.setActive(true, 'op');
    await service.register('W1AW');
    await service.register('K1ABC');
    expect(await codeOf(service.register('G4ABC'))).toBe('QUEUE_FULL');
    limit.value = 3;
    expect(await codeOf(service.register('G4ABC'))).toBe('no error');
    expect(service.getQueue().max_size).toBe(3);
  });

  it('derives what stations see of the tuning from the values alone, whoever sets them', async () => {
    const { service, events } = await pileup();
    expect(await service.setFrequency({ hz: 14_074_000, mode: 'FT8' })).toMatchObject({ frequency: '14.074', frequency_hz: 14_074_000, band: '20m', mode: 'FT8' });
    expect(await service.setFrequency({ hz: 10_368_100_000 })).toMatchObject({ frequency: '10368.100', band: '3cm', mode: 'FT8' });
    expect(await service.setFrequency({ hz: 5_000_000 })).toMatchObject({ frequency: '5.000', band: null });
    expect(await service.setSplit({ kind: 'absolute', hz: 14_076_500 })).toMatchObject({ split: '14.0765' });
    expect(await service.setSplit({ kind: 'offset', fromKHz: 5, toKHz: 10 })).toMatchObject({ split: 'up 5\u201310' });
    expect(events).toEqual(['frequency_update', 'frequency_update', 'frequency_update', 'split_update', 'split_update']);
    expect(service.snapshot()).toMatchObject({ frequency: { frequency: '5.000', band: null }, split: { split: 'up 5\u201310' } });
  });

  it('next completes the current QSO before taking the next station, and logs it', async () => {
    const { service, events } = await pileup();
    await service.setActive(true, 'op');
    await service.setFrequency({ hz: 21_295_000 });
    await service.register('W1AW');
    await service.register('K1ABC');
    events.length = 0;
    const first = await service.nextQso('op');
    expect(first).toMatchObject({ completed: null, current: { callsign: 'W1AW', started_by: 'op' } });
    const second = await service.nextQso('op');
    expect(second.completed).toMatchObject({ callsign: 'W1AW', frequency: '21.295', completed_by: 'op' });
    expect(second.current?.callsign).toBe('K1ABC');
    expect(service.qsosLogged).toBe(1);
    expect(events).toEqual(['current_qso', 'queue_update', 'qso_complete', 'current_qso', 'queue_update']);
  });

  it('going off the air clears the queue and the current QSO, but never the log', async () => {
    const { service } = await pileup();
    await service.setActive(true, 'op');
    for (const call of ['W1AW', 'K1ABC', 'G4ABC']) await service.register(call);
    await service.nextQso('op');
    await service.nextQso('op');
    const result = await service.setActive(false, 'op');
    expect(result).toMatchObject({ active: false, queue_cleared: true, cleared_count: 1 });
    expect(service.getQueue().total).toBe(0);
    expect(service.getCurrentQso()).toBeNull();
    expect(service.qsosLogged).toBe(1);
    expect(await service.recentQsos(10)).toHaveLength(1);
  });

  it('complete with nobody being worked changes nothing and emits nothing', async () => {
    const { service, events } = await pileup();
    expect(await service.completeQso('op')).toBeNull();
    expect(events).toEqual([]);
  });

  it('shares one frozen queue snapshot between changes, and a fresh one after every kind of change', async () => {
    const limit = { value: 10 };
    const station = { stationCallsign: null, operatorCallsign: null, myGrid: 'JO62' as string | null };
    const hub = new EventHub();
    const service = await PileupService.open(await PileupStore.open(await makeDataDir()), hub, {
      maxQueueSize: () => limit.value,
      station: () => station,
      country: lookupDxcc,
      logger: silentLogger()
    });
    await service.setActive(true, 'op');
    await service.register('JA1ABC');
    await service.register('W1AW');
    const first = service.getQueue();
    expect(service.getQueue()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.queue) && Object.isFrozen(first.queue[0])).toBe(true);
    expect(service.snapshot().queue).toBe(first);
    expect(service.snapshot()).toBe(service.snapshot());
    const fresh = () => JSON.parse(JSON.stringify(service.getQueue())) as ReturnType<PileupService['getQueue']>;

    // Each change below must show in the next read, whatever it touched.
    limit.value = 12;
    expect(fresh().max_size).toBe(12);
    const jaDistance = fresh().queue[0]!.distance_km;
    station.myGrid = 'FN31';
    expect(fresh().queue[0]!.distance_km).not.toBe(jaDistance);
    await service.setFrequency({ hz: 14_250_000, mode: 'SSB' });
    await service.nextQso('op');
    await service.completeQso('op');
    await service.register('JA1ABC');
    const before = service.getQueue();
    expect(before.queue.map((e) => [e.callsign, e.position, e.worked_before])).toEqual([['W1AW', 1, false], ['JA1ABC', 2, true]]);
    await service.setFrequency({ hz: 7_150_000, mode: 'SSB' });
    expect(service.getQueue()).not.toBe(before);
    expect(fresh().queue.find((e) => e.callsign === 'JA1ABC')!.worked_before).toBe(false);
    await service.removeCallsign('W1AW');
    expect(fresh().queue.map((e) => [e.callsign, e.position])).toEqual([['JA1ABC', 1]]);
    const seq = service.snapshot().seq;
    await service.setActive(false, 'op');
    expect(fresh()).toMatchObject({ queue: [], total: 0, system_active: false });
    expect(service.snapshot().seq).toBeGreaterThan(seq);
  });

  it('a burst that goes on is still announced at least every 100 ms, and its last change always', async () => {
    const store = await PileupStore.open(await makeDataDir());
    // A slow disk: every queue write takes 30 ms, so ten registrations in a row take 300 ms or more.
    const write = store.addQueueEntry.bind(store);
    store.addQueueEntry = async (entry) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return write(entry);
    };
    const hub = new EventHub();
    const updates: { total: number }[] = [];
    hub.subscribe((message) => {
      if (message.event === 'queue_update') updates.push({ total: (message.data as { total: number }).total });
    });
    const service = await PileupService.open(store, hub, { maxQueueSize: () => 20, logger: silentLogger() });
    await service.setActive(true, 'op');
    updates.length = 0;
    await Promise.all(['K1AA', 'K1AB', 'K1AC', 'K1AD', 'K1AE', 'K1AF', 'K1AG', 'K1AH', 'K1AI', 'K1AJ'].map((call) => service.register(call)));
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.length).toBeLessThan(10);
    expect(updates.at(-1)!.total).toBe(10);
    // Counted in writes, not milliseconds, so a slow machine cannot make it flaky: 100 ms holds at
    // most four 30 ms writes, and the write that passes the limit announces.
    const totals = [0, ...updates.map((u) => u.total)];
    expect(Math.max(...totals.slice(1).map((total, i) => total - totals[i]!))).toBeLessThanOrEqual(5);
  });

  it('while changes overlap, bursts are announced at most once per spacing; a change made alone at once', async () => {
    // The clock stands still, so however slow the machine, every burst below ends within the spacing.
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout'] });
    try {
      const hub = new EventHub();
      const totals: number[] = [];
      hub.subscribe((message) => {
        if (message.event === 'queue_update') totals.push((message.data as { total: number }).total);
      });
      const service = await PileupService.open(await PileupStore.open(await makeDataDir()), hub, { maxQueueSize: () => 50, logger: silentLogger() });
      await service.setActive(true, 'op');
      totals.length = 0;
      await service.register('W1AA');
      // Alone: announced before the registration answered.
      expect(totals).toEqual([1]);
      for (let round = 0; round < 3; round++) {
        await Promise.all([0, 1, 2, 3].map((i) => service.register(`K${round}A${String.fromCharCode(65 + i)}`)));
      }
      // Three bursts, each ended by its own flush: held back together, as the last announcement was just now.
      expect(totals).toEqual([1]);
      vi.advanceTimersByTime(QUEUE_ANNOUNCEMENT_MIN_SPACING_MS);
      expect(totals).toEqual([1, 13]);
      // Another event never overtakes a held-back queue announcement.
      await Promise.all([service.register('G4AA'), service.register('G4AB')]);
      await service.setFrequency({ hz: 14_250_000, mode: 'SSB' });
      // (The new band then re-announces the queue for its worked-before markers.)
      expect(totals.slice(0, 3)).toEqual([1, 13, 15]);
      await service.drain();
    } finally {
      vi.useRealTimers();
    }
  });

  it('deleting or restoring a logged QSO re-announces the queue when a waiting station\'s worked-before marker changes', async () => {
    const hub = new EventHub();
    const markers: boolean[] = [];
    hub.subscribe((message) => {
      if (message.event === 'queue_update') {
        const entry = (message.data as { queue: { callsign: string; worked_before: boolean }[] }).queue.find((e) => e.callsign === 'JA1ABC');
        if (entry) markers.push(entry.worked_before);
      }
    });
    const service = await PileupService.open(await PileupStore.open(await makeDataDir()), hub, { maxQueueSize: () => 10, logger: silentLogger() });
    await service.setActive(true, 'op');
    await service.setFrequency({ hz: 14_250_000, mode: 'SSB' });
    await service.register('JA1ABC');
    await service.nextQso('op');
    const qso = (await service.completeQso('op'))!;
    await service.register('JA1ABC');
    expect(markers.at(-1)).toBe(true);
    markers.length = 0;
    await service.deleteQso(qso.id);
    expect(markers).toEqual([false]);
    await service.restoreQso(qso);
    expect(markers).toEqual([false, true]);
    // An edit that changes no marker announces nothing.
    await service.updateQso(qso.id, { notes: 'good signal' });
    expect(markers).toEqual([false, true]);
  });
});
