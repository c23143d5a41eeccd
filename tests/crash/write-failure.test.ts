/**
 * Writes that cannot reach the disk (a read-only data folder, a full disk) answer INTERNAL_ERROR
 * with a message saying the data could not be saved; the server keeps running, and nothing
 * stored before is lost once the disk is writable again.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, open, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PileupRequestError } from '../../src/shared/client/pileup-client.js';
import { freePortRange } from '../helpers/cli-process.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { readServerView, startCrashServer, type CrashServer } from '../helpers/crash-server.js';

const isRoot = process.getuid?.() === 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: CrashServer | undefined;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await server?.kill();
  server = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await makeDataDir();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function expectNotSaved(request: Promise<unknown>, file: RegExp): Promise<void> {
  const error = await request.then(
    () => null,
    (failure: unknown) => failure
  );
  expect(error).toBeInstanceOf(PileupRequestError);
  expect((error as PileupRequestError).code).toBe('INTERNAL_ERROR');
  expect((error as PileupRequestError).message).toMatch(/could not be saved/);
  expect((error as PileupRequestError).message).toMatch(file);
}

describe('a data file that cannot be written (works for root too: the file is replaced by a folder)', () => {
  it('answers INTERNAL_ERROR saying the data could not be saved, keeps running, and loses nothing', async () => {
    const dir = await tempDir();
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    let admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) await admin.request('queue.register', { callsign });
    await admin.request('admin.next_qso'); // W1AW worked

    // queue.db cannot be appended to.
    await rename(join(dir, 'queue.db'), join(dir, 'queue.db.moved'));
    await mkdir(join(dir, 'queue.db'));
    await expectNotSaved(admin.request('queue.register', { callsign: 'DL1ABC' }), /queue\.db/);
    await expectNotSaved(admin.request('queue.register', { callsign: 'DL1ABC' }), /queue\.db/);
    expect(server.proc.stderr()).toMatch(/Could not save to .*queue\.db: EISDIR/);
    // Still running, and what it shows is what was saved.
    let view = await readServerView(admin);
    expect(view.queue.map((e) => e.callsign)).toEqual(['K1ABC', 'G4ABC']);
    await rmdir(join(dir, 'queue.db'));
    await rename(join(dir, 'queue.db.moved'), join(dir, 'queue.db'));

    // qso_log.db cannot be appended to: completing the QSO fails and changes nothing.
    await rename(join(dir, 'qso_log.db'), join(dir, 'qso_log.db.moved'));
    await mkdir(join(dir, 'qso_log.db'));
    await expectNotSaved(admin.request('admin.next_qso'), /qso_log\.db/);
    view = await readServerView(admin);
    expect(view.current).toBe('W1AW');
    expect(view.log).toEqual([]); // the unsaved QSO is not shown as logged either
    await rmdir(join(dir, 'qso_log.db'));
    await rename(join(dir, 'qso_log.db.moved'), join(dir, 'qso_log.db'));

    // Writable again: the same operations now work, each once.
    await admin.request('queue.register', { callsign: 'DL1ABC' });
    const next = await admin.request('admin.next_qso');
    expect(next.completed_qso?.callsign).toBe('W1AW');
    expect(next.current_qso?.callsign).toBe('K1ABC');

    // Graceful stop and restart: everything acknowledged is there, the failed writes are not.
    await server.stop();
    server = await startCrashServer(dir, port);
    admin = await server.connectAdmin();
    view = await readServerView(admin);
    expect(view.queue).toEqual([
      { callsign: 'G4ABC', position: 1 },
      { callsign: 'DL1ABC', position: 2 }
    ]);
    expect(view.current).toBe('K1ABC');
    expect(view.log).toEqual(['W1AW']);
  }, 60_000);

  it('a change across files that fails part way says what was saved, and memory, events and disk agree', async () => {
    const dir = await tempDir();
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    let admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC', 'JA1XYZ']) await admin.request('queue.register', { callsign });
    await admin.request('admin.next_qso'); // W1AW worked
    const watcher = await server.connect();
    const seen: string[] = [];
    watcher.on('qso_complete', (data) => seen.push(`logged ${data.qso.callsign}`));
    watcher.on('current_qso', (data) => seen.push(`working ${data?.callsign ?? 'nobody'}`));

    // Next writes the log (qso_log.db), then the new QSO (state.db), then the queue (queue.db).
    // state.db cannot be written: the QSO with W1AW is in the log, the rest did not happen.
    await rename(join(dir, 'state.db'), join(dir, 'state.db.moved'));
    await mkdir(join(dir, 'state.db'));
    const error = await admin.request('admin.next_qso').then(() => null, (failure: unknown) => failure as PileupRequestError);
    expect(error?.code).toBe('INTERNAL_ERROR');
    expect(error?.message).toMatch(/could not be saved \(state\.db/);
    expect(error?.message).toMatch(/the QSO with W1AW is in the log/);
    expect(error?.message).not.toMatch(/nothing was changed/);
    let view = await readServerView(admin);
    expect(view.log).toEqual(['W1AW']);
    expect(view.current).toBeNull();
    expect(view.queue.map((e) => e.callsign)).toEqual(['K1ABC', 'G4ABC', 'JA1XYZ']);
    await expect.poll(() => seen).toEqual(['logged W1AW', 'working nobody']);
    await rmdir(join(dir, 'state.db'));
    await rename(join(dir, 'state.db.moved'), join(dir, 'state.db'));

    // Writable again: Next works K1ABC (no "already in the log").
    const next = await admin.request('admin.next_qso');
    expect(next.completed_qso).toBeNull();
    expect(next.current_qso?.callsign).toBe('K1ABC');

    // queue.db cannot be written: K1ABC is logged and G4ABC's QSO is saved, only its leaving the
    // queue is not; the move is finished in memory as it would be at the next start.
    await rename(join(dir, 'queue.db'), join(dir, 'queue.db.moved'));
    await mkdir(join(dir, 'queue.db'));
    const second = await admin.request('admin.next_qso').then(() => null, (failure: unknown) => failure as PileupRequestError);
    expect(second?.message).toMatch(/could not be saved \(queue\.db/);
    expect(second?.message).toMatch(/the QSO with K1ABC is in the log/);
    expect(second?.message).toMatch(/G4ABC is being worked/);
    view = await readServerView(admin);
    expect(view.log).toEqual(['W1AW', 'K1ABC']);
    expect(view.current).toBe('G4ABC');
    expect(view.queue.map((e) => e.callsign)).toEqual(['JA1XYZ']);
    await rmdir(join(dir, 'queue.db'));
    await rename(join(dir, 'queue.db.moved'), join(dir, 'queue.db'));

    // A restart shows the same.
    await server.kill();
    server = await startCrashServer(dir, port);
    admin = await server.connectAdmin();
    view = await readServerView(admin);
    expect(view.log).toEqual(['W1AW', 'K1ABC']);
    expect(view.current).toBe('G4ABC');
    expect(view.queue.map((e) => e.callsign)).toEqual(['JA1XYZ']);
  }, 60_000);

  it.skipIf(isRoot)('a read-only data folder (chmod; skipped as root, where chmod does not stop writes)', async () => {
    const dir = await tempDir();
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    const admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'W1AW' });
    const files = (await readdir(dir)).filter((name) => name.endsWith('.db'));
    for (const name of files) await chmod(join(dir, name), 0o400);
    await chmod(dir, 0o500);
    cleanups.push(() => chmod(dir, 0o700));
    await expectNotSaved(admin.request('queue.register', { callsign: 'K1ABC' }), /queue\.db/);
    expect((await readServerView(admin)).queue.map((e) => e.callsign)).toEqual(['W1AW']);
    await chmod(dir, 0o700);
    for (const name of files) await chmod(join(dir, name), 0o600);
    await admin.request('queue.register', { callsign: 'K1ABC' });
    await server.kill();
    server = await startCrashServer(dir, port);
    expect((await readServerView(await server.connectAdmin())).queue.map((e) => e.callsign)).toEqual(['W1AW', 'K1ABC']);
  }, 60_000);
});

function canMountTmpfs(): string | null {
  if (!isRoot) return 'mounting a tmpfs needs root';
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'no mount command';
  }
}

/** A data folder on a tmpfs of `size`, unmounted after the test; null (the test skipped) where mounting is not allowed. */
async function smallDisk(size: string, context: { skip(note: string): void }): Promise<string | null> {
  const mountPoint = await tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    context.skip(`mount -t tmpfs not permitted here: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
  cleanups.push(async () => {
    await server?.kill();
    server = undefined;
    execFileSync('umount', [mountPoint]);
  });
  return join(mountPoint, 'data');
}

describe('a full disk (a small tmpfs)', () => {
  const reason = canMountTmpfs();
  it.skipIf(reason !== null)(`answers INTERNAL_ERROR, keeps running, and loses nothing${reason ? ` (skipped: ${reason})` : ''}`, async (context) => {
    const dir = await smallDisk('256k', context);
    if (!dir) return;
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    const admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    const acknowledged: string[] = [];
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC']) {
      await admin.request('queue.register', { callsign });
      acknowledged.push(callsign);
    }
    await admin.request('admin.next_qso'); // W1AW worked

    // Fill the disk.
    const filler = join(dir, '..', 'filler');
    const handle = await open(filler, 'w');
    for (const size of [16_384, 1024, 64, 1]) {
      const chunk = Buffer.alloc(size, 120);
      try {
        for (;;) await handle.write(chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    }
    await handle.close();

    // Registrations fill what is left of queue.db's last block, then fail.
    let failed: PileupRequestError | null = null;
    const failedCallsigns: string[] = [];
    for (let i = 0; i < 60 && failedCallsigns.length < 3; i++) {
      const callsign = `N${i % 10}${String.fromCharCode(65 + Math.floor(i / 10))}AA`;
      try {
        await admin.request('queue.register', { callsign });
        acknowledged.push(callsign);
      } catch (error) {
        failed = error as PileupRequestError;
        failedCallsigns.push(callsign);
      }
      await sleep(35);
    }
    expect(failed).not.toBeNull();
    expect(failed!.code).toBe('INTERNAL_ERROR');
    expect(failed!.message).toMatch(/could not be saved \(queue\.db: ENOSPC, the disk is full\)/);
    expect(server.proc.stderr()).toMatch(/Could not save to .*queue\.db: ENOSPC/);
    // Still running; it shows only what was saved.
    const during = await readServerView(admin);
    expect(during.queue.map((e) => e.callsign)).toEqual(acknowledged.slice(1));

    // Free the space; carry on; stop gracefully (compaction needs the space) and restart.
    await unlink(filler);
    await admin.request('queue.register', { callsign: 'VE3XYZ' });
    acknowledged.push('VE3XYZ');
    await server.stop();
    server = await startCrashServer(dir, port);
    const after = await readServerView(await server.connectAdmin());
    expect(after.current).toBe('W1AW');
    expect(after.queue.map((e) => e.callsign)).toEqual(acknowledged.slice(1));
    expect(after.queue.map((e) => e.position)).toEqual(after.queue.map((_, i) => i + 1));
    for (const callsign of failedCallsigns) expect(after.queue.map((e) => e.callsign)).not.toContain(callsign);
  }, 60_000);

  it.skipIf(reason !== null)(`an import bigger than the free space is refused whole: the log file is cut back and nothing of it stays${reason ? ` (skipped: ${reason})` : ''}`, async (context) => {
    const dir = await smallDisk('512k', context);
    if (!dir) return;
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    const admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('queue.register', { callsign: 'W1AW' });
    await admin.request('admin.next_qso');
    await admin.request('admin.complete_qso');
    const { stat } = await import('node:fs/promises');
    const logBefore = (await stat(join(dir, 'qso_log.db'))).size;

    // About 3,000 QSOs: well over the half megabyte this disk holds.
    const { generatedLog } = await import('../helpers/generated-adif.js');
    const { text } = generatedLog(3_000);
    const { import_id, max_piece_chars } = await admin.request('admin.import_log_begin', { filename: 'big.adi' });
    for (let at = 0; at < text.length; at += max_piece_chars) await admin.request('admin.import_log_chunk', { import_id, data: text.slice(at, at + max_piece_chars) });
    const failure = await admin.request('admin.import_log_commit', { import_id }).then(() => null, (error: unknown) => error as PileupRequestError);
    expect(failure?.code).toBe('INTERNAL_ERROR');
    expect(failure?.message).toMatch(/could not be saved \(qso_log\.db: ENOSPC/);
    expect((await stat(join(dir, 'qso_log.db'))).size).toBe(logBefore);
    expect((await readServerView(admin)).log).toEqual(['W1AW']);
    // And so after a restart.
    await server.kill();
    server = await startCrashServer(dir, port);
    expect((await readServerView(await server.connectAdmin())).log).toEqual(['W1AW']);
  }, 60_000);
});
