/**
 * The console ignores a logging key pressed within a second of the QSO it started, counted from
 * when the QSO appeared on the screen. The reply to the key can come well after the event that
 * shows the new QSO (it waits for the flush to the disk, slow on an SD card); here the reply is
 * held back 600 ms on its way to the console, a stand-in for such a disk.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { next } from '../../src/renderer/src/state/operating.js';
import { actions, useConsole } from '../../src/renderer/src/state/store.js';
import { connectedConsole, until, type ConnectedConsole } from './console-harness.js';

const REPLY_DELAY_MS = 600;
let connected: ConnectedConsole;

beforeEach(async () => {
  connected = await connectedConsole({ MIN_QSO_SECONDS: '0' });
});

afterEach(() => connected.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const currentCall = () => useConsole.getState().view?.current?.callsign ?? null;
const ignoredToasts = () => useConsole.getState().toasts.filter((t) => t.text.startsWith('Pressed again within a second')).length;

it('a second key counts from when the QSO appeared, not from a reply that came later', async () => {
  await actions.setOnAir(true);
  const station = await connected.h.connect();
  for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await station.request('queue.register', { callsign });
  await until(() => useConsole.getState().view?.queue.total === 3, 'the registrations');

  const client = useConsole.getState().client!;
  const send = client.request.bind(client);
  client.request = (async (operation: string, data?: unknown) => {
    const reply = await send(operation as never, data as never);
    if (operation === 'admin.next_qso') await sleep(REPLY_DELAY_MS);
    return reply;
  }) as typeof client.request;

  next();
  await until(() => currentCall() === 'W1AW', 'W1AW in QSO');
  const appeared = Date.now();
  // Just after the late reply, within the second: ignored, and the console says so.
  await sleep(REPLY_DELAY_MS + 100);
  next();
  await until(() => ignoredToasts() === 1, 'the repeat to be ignored');
  expect(currentCall()).toBe('W1AW');

  // A second after W1AW appeared (half a second after the reply): meant, so W1AW is logged.
  await sleep(Math.max(0, appeared + 1100 - Date.now()));
  next();
  await until(() => currentCall() === 'K1ABC', 'K1ABC in QSO', 3000);
  expect(ignoredToasts()).toBe(1);
  expect((await station.request('public.get_snapshot')).qsos_logged).toBe(1);
});
