/** The console's zustand store, wired to a real server over a real socket. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actions, act, attachClient, resetStore, useConsole } from '../../src/renderer/src/state/store.js';
import { startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness;

beforeEach(async () => {
  resetStore();
  h = await startHarness({ MAX_QUEUE_SIZE: '10' });
  const operator = await h.connectAdmin();
  attachClient(operator);
});

afterEach(async () => {
  resetStore();
  await h.close();
});

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('console store', () => {
  it('starts from the welcome snapshot and follows events from other clients', async () => {
    expect(useConsole.getState().link).toEqual({ kind: 'online' });
    expect(useConsole.getState().view?.system.active).toBe(false);
    await actions.setOnAir(true);
    const station = await h.connect();
    await station.request('queue.register', { callsign: 'W1AW' });
    await until(() => useConsole.getState().view?.queue.total === 1, 'the registration');
    expect(useConsole.getState().view?.queue.queue[0]?.callsign).toBe('W1AW');
    expect(useConsole.getState().view?.system.active).toBe(true);
  });

  it('runs an action once however often it is triggered while in flight', async () => {
    await actions.setOnAir(true);
    const station = await h.connect();
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await station.request('queue.register', { callsign });
    // A double click: two presses before the first reply.
    const [first, second] = await Promise.all([actions.next(), actions.next()]);
    expect(first?.current_qso?.callsign).toBe('W1AW');
    expect(second).toBeNull();
    const snapshot = await station.request('public.get_snapshot');
    expect(snapshot.current_qso?.callsign).toBe('W1AW');
    expect(snapshot.queue.total).toBe(2);
    expect(useConsole.getState().busy).toEqual({});
  });

  it('shows a server error as a readable message and keeps going', async () => {
    const result = await actions.remove('N0AX');
    expect(result).toBeNull();
    expect(useConsole.getState().toasts.map((t) => t.text)).toEqual(['N0AX is not in the queue']);
    expect(await actions.setFrequency('14.205')).not.toBeNull();
    await until(() => useConsole.getState().view?.frequency.frequency === '14.205', 'the frequency');
  });

  it('an empty frequency or split clears it', async () => {
    await actions.setFrequency('7.074');
    await actions.setSplit('up 2');
    await actions.setFrequency('  ');
    await actions.setSplit('');
    await until(() => useConsole.getState().view?.frequency.frequency === null && useConsole.getState().view?.split.split === null, 'cleared tuning');
  });

  it('resyncs from a snapshot when sequence numbers show missed events', async () => {
    await actions.setFrequency('7.074');
    await until(() => useConsole.getState().view?.frequency.frequency === '7.074', 'the first change');
    // Pretend events 1..n were never seen: the view is stale and its seq is behind.
    useConsole.setState((s) => ({ view: s.view && { ...s.view, seq: 0, frequency: { frequency: 'stale', last_updated: null } } }));
    await actions.setSplit('up 5');
    await until(() => useConsole.getState().view?.split.split === 'up 5' && !useConsole.getState().view?.resyncing, 'the resync');
    expect(useConsole.getState().view?.frequency.frequency).toBe('7.074');
  });

  it('refuses to act without a connection, and says so', async () => {
    useConsole.setState({ client: null });
    expect(await act('x', async () => 1)).toBeNull();
    expect(useConsole.getState().toasts.at(-1)?.text).toContain('Not connected');
  });

  it('refreshes the log after each completed QSO', async () => {
    await actions.setOnAir(true);
    const station = await h.connect();
    await station.request('queue.register', { callsign: 'W1AW' });
    await actions.next();
    await actions.complete();
    await until(() => useConsole.getState().log?.total === 1, 'the log refresh');
    expect(useConsole.getState().log?.qsos[0]?.callsign).toBe('W1AW');
    expect(useConsole.getState().view?.qsosLogged).toBe(1);
  });
});
