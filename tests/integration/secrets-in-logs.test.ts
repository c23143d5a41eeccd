/** Passwords and keys never reach a log line, whatever the level. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/main/server/logger.js';
import { startFakeQrzServer, type FakeQrz } from '../helpers/fake-qrz-server.js';
import { ADMIN, rawSocket, startHarness, type Harness } from '../helpers/pileup-harness.js';

let h: Harness | undefined;
let fake: FakeQrz | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
});

describe('logging', () => {
  it('logs authentication attempts and lookups without any password', async () => {
    const lines: string[] = [];
    const logger = createLogger('trace', { write: (line: string) => void lines.push(line) });
    fake = await startFakeQrzServer();
    h = await startHarness({ QRZ_USERNAME: fake.username, QRZ_PASSWORD: fake.password, QRZ_BASE_URL: fake.baseUrl }, { logger });

    const { socket, next } = await rawSocket(h.url);
    await next();
    socket.send(JSON.stringify({ type: 'auth', id: 1, data: { username: 'admin', password: 'guess-Hunter2' } }));
    expect(await next()).toMatchObject({ error_code: 'INVALID_CREDENTIALS' });
    // A password typed into the name field (it happens) is not logged either.
    socket.send(JSON.stringify({ type: 'auth', id: 5, data: { username: 'Wrong-Field-Secret9', password: 'x' } }));
    expect(await next()).toMatchObject({ error_code: 'INVALID_CREDENTIALS' });
    socket.send(JSON.stringify({ type: 'auth', id: 2, data: ADMIN }));
    expect(await next()).toMatchObject({ success: true });
    socket.send(JSON.stringify({ type: 'request', id: 3, operation: 'admin.set_system_status', data: { active: true } }));
    await next();
    socket.send(JSON.stringify({ type: 'request', id: 4, operation: 'queue.register', data: { callsign: 'W1AW' } }));
    while ((await next()).id !== 4);
    socket.close();

    const log = lines.join('');
    expect(log).toContain('authentication failed');
    expect(log).toContain('authenticated');
    for (const secret of ['guess-Hunter2', 'Wrong-Field-Secret9', ADMIN.password, fake.password]) expect(log).not.toContain(secret);
  });
});
