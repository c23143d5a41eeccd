/** The console's zustand store, connected the way the console connects, to a real server. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectConsole } from '../../src/renderer/src/state/console-session.js';
import type { SessionBinding } from '../../src/renderer/src/state/session-binding.js';
import { actions, act, resetStore, useConsole } from '../../src/renderer/src/state/store.js';
import { connectedConsole, until, type ConnectedConsole } from './console-harness.js';
import { ADMIN, type Harness } from '../helpers/pileup-harness.js';

let connected: ConnectedConsole;
let h: Harness;
let connection: SessionBinding;

beforeEach(async () => {
  connected = await connectedConsole({ MAX_QUEUE_SIZE: '10' });
  ({ h, connection } = connected);
});

afterEach(() => connected.close());

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
    const next = () => act('next', (c) => c.request('admin.next_qso', {}));
    const [first, second] = await Promise.all([next(), next()]);
    expect(first?.current_qso?.callsign).toBe('W1AW');
    expect(second).toBeNull();
    const snapshot = await station.request('public.get_snapshot');
    expect(snapshot.current_qso?.callsign).toBe('W1AW');
    expect(snapshot.queue.total).toBe(2);
    expect(useConsole.getState().busy).toEqual({});
  });

  it('shows a server error as a readable message and keeps going', async () => {
    const result = await act('remove:N0AX', (c) => c.request('admin.remove_callsign', { callsign: 'N0AX' }));
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

  it('reconnects after the server restarts and shows its state, with a new instance', async () => {
    await actions.setFrequency('7.074');
    await until(() => useConsole.getState().view?.frequency.frequency === '7.074', 'the first change');
    const before = useConsole.getState().view!.instanceId;
    await h.restart();
    await until(() => useConsole.getState().link.kind === 'offline' || useConsole.getState().view?.instanceId !== before, 'the drop');
    await until(() => useConsole.getState().link.kind === 'online' && useConsole.getState().view?.instanceId !== before, 'the reconnect');
    expect(useConsole.getState().view?.frequency.frequency).toBe('7.074');
    expect(await actions.setSplit('up 3')).not.toBeNull();
    await until(() => useConsole.getState().view?.split.split === 'up 3', 'an action after the reconnect');
  });

  it('a wrong password signs the console out with the reason', async () => {
    connection.stop();
    resetStore();
    const wrong = connectConsole({ username: ADMIN.username, password: 'wrong' }, h.url);
    await until(() => useConsole.getState().link.kind === 'signed-out', 'the refusal');
    expect(useConsole.getState().link).toEqual({ kind: 'signed-out', message: 'Invalid username or password' });
    wrong.stop();
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
    await act('next', (c) => c.request('admin.next_qso', {}));
    await act('complete', (c) => c.request('admin.complete_qso', {}));
    await until(() => useConsole.getState().log?.total === 1, 'the log refresh');
    expect(useConsole.getState().log?.qsos[0]?.callsign).toBe('W1AW');
    expect(useConsole.getState().view?.qsosLogged).toBe(1);
  });
});
