/**
 * A crash in the middle of an append leaves a torn last line. The server starts with everything
 * else, warns, and keeps the torn bytes in `<file>.torn-<time>`. Other corruption still refuses.
 */
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PileupStore } from '../../src/main/server/store/pileup-store.js';
import { repairTornLastLine } from '../../src/main/server/store/torn-line.js';
import { freePortRange, runCli } from '../helpers/cli-process.js';
import { makeDataDir } from '../helpers/pileup-harness.js';
import { readServerView, startCrashServer, type CrashServer } from '../helpers/crash-server.js';

const FILES = ['queue.db', 'state.db', 'qso_log.db', 'settings.db'];

let server: CrashServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.kill();
  server = undefined;
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await makeDataDir();
  dirs.push(dir);
  return dir;
}

/** Cuts the last line of a file in half (no newline after it), as a crash mid-append would. */
async function tearLastLine(file: string): Promise<string> {
  const content = await readFile(file, 'utf8');
  const body = content.endsWith('\n') ? content.slice(0, -1) : content;
  const start = body.lastIndexOf('\n') + 1;
  const cut = start + Math.floor((body.length - start) / 2);
  await writeFile(file, body.slice(0, cut));
  return body.slice(start, cut);
}

describe('torn last line', () => {
  it('the server starts with everything but the torn record, warns, and keeps the torn bytes', async () => {
    const dir = await tempDir();
    const port = await freePortRange(1);
    server = await startCrashServer(dir, port);
    const admin = await server.connectAdmin();
    await admin.request('admin.set_system_status', { active: true });
    await admin.request('admin.set_frequency', { frequency: '14.205' });
    for (const callsign of ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC', 'N0AX']) await admin.request('queue.register', { callsign });
    await admin.request('admin.next_qso'); // W1AW worked
    await admin.request('admin.next_qso'); // W1AW logged, K1ABC worked
    // The last writes of each file: one more of each, to be torn.
    await admin.request('queue.register', { callsign: 'VE3XYZ' }); // queue.db (last line)
    await admin.request('admin.next_qso'); // K1ABC logged (qso_log.db), G4ABC worked; state.db / queue.db
    await admin.request('admin.set_split', { split: 'up 5' }); // state.db (last line)
    await server.kill();

    const torn: Record<string, string> = {};
    for (const name of FILES) {
      const text = await readFile(join(dir, name), 'utf8').catch(() => '');
      if (text.trim() !== '') torn[name] = await tearLastLine(join(dir, name));
    }
    expect(Object.keys(torn)).toEqual(expect.arrayContaining(['queue.db', 'state.db', 'qso_log.db']));

    server = await startCrashServer(dir, port);
    const stderr = server.proc.stderr();
    for (const name of Object.keys(torn)) expect(stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}: the last line was torn`));
    const files = await readdir(dir);
    for (const [name, bytes] of Object.entries(torn)) {
      const backup = files.find((file) => file.startsWith(`${name}.torn-`));
      expect(backup, `backup of ${name}`).toBeDefined();
      expect(await readFile(join(dir, backup!), 'utf8')).toBe(bytes);
    }

    const view = await readServerView(await server.connectAdmin());
    // Everything before the torn records is there.
    expect(view.log).toContain('W1AW');
    for (const callsign of ['DL1ABC', 'N0AX']) expect(view.queue.map((e) => e.callsign)).toContain(callsign);
    // The torn records: K1ABC's QSO log line is gone (it was the last line of qso_log.db), the
    // current QSO or queue keep it consistent; nothing appears twice.
    const all = [...view.queue.map((e) => e.callsign), ...(view.current ? [view.current] : []), ...view.log];
    expect(new Set(all).size).toBe(all.length);
    expect(view.queue.map((e) => e.position)).toEqual(view.queue.map((_, i) => i + 1));
    // Only the torn records are lost: K1ABC's log line (the last line of qso_log.db), and the
    // split (the last line of state.db). G4ABC's removal from the queue (the last line of
    // queue.db) was torn too, but G4ABC is the current QSO, so start-up takes it off the queue.
    const missing = ['W1AW', 'K1ABC', 'G4ABC', 'DL1ABC', 'N0AX', 'VE3XYZ'].filter((c) => !all.includes(c));
    expect(missing).toEqual(['K1ABC']);
    expect(view.current).toBe('G4ABC');
    expect(view.queue.map((e) => e.callsign)).toEqual(['DL1ABC', 'N0AX', 'VE3XYZ']);
  }, 60_000);

  it('repairs only a torn LAST line; a whole file or corruption elsewhere is left exactly as it was', async () => {
    const dir = await tempDir();
    const file = join(dir, 'queue.db');
    const good = `${JSON.stringify({ _id: 'a', callsign: 'W1AW', order: 1 })}\n${JSON.stringify({ _id: 'b', callsign: 'K1ABC', order: 2 })}\n`;

    await writeFile(file, good);
    expect(await repairTornLastLine(file)).toBeNull();
    expect(await readFile(file, 'utf8')).toBe(good);

    const middle = `${JSON.stringify({ _id: 'a', order: 1 })}\n{"_id":"b","or\n${JSON.stringify({ _id: 'c', order: 3 })}\n`;
    await writeFile(file, middle);
    expect(await repairTornLastLine(file)).toBeNull();
    expect(await readFile(file, 'utf8')).toBe(middle);

    const both = `${JSON.stringify({ _id: 'a', order: 1 })}\n{"_id":"b","or\n{"_id":"c"`;
    await writeFile(file, both);
    expect(await repairTornLastLine(file)).toBeNull();
    expect(await readFile(file, 'utf8')).toBe(both);

    // A torn line that still got its newline is torn too.
    await writeFile(file, `${good}{"_id":"c","callsi\n`);
    const repair = await repairTornLastLine(file);
    expect(repair).not.toBeNull();
    expect(await readFile(file, 'utf8')).toBe(good);
    expect(await readFile(repair!.backup, 'utf8')).toBe('{"_id":"c","callsi\n');
  });

  it('corruption that is not a single torn last line still stops start-up, naming the file, and changes nothing', async () => {
    const dir = await tempDir();
    const corrupt = `${JSON.stringify({ _id: 'a', callsign: 'W1AW', order: 1, timestamp: 'x', qrz: null })}\nnot json at all\n${JSON.stringify({ _id: 'b', callsign: 'K1ABC', order: 2, timestamp: 'y', qrz: null })}\n`;
    await writeFile(join(dir, 'queue.db'), corrupt);
    const warnings: string[] = [];
    await expect(PileupStore.open(dir, { warn: (m) => warnings.push(m) })).rejects.toThrow(/queue\.db/);
    expect(await readFile(join(dir, 'queue.db'), 'utf8')).toBe(corrupt);
    expect((await readdir(dir)).filter((f) => f.includes('.torn-'))).toEqual([]);

    const port = await freePortRange(1);
    const proc = runCli(['--data-dir', dir, '--host', '127.0.0.1', '--port', String(port)], { ADMIN_PASSWORD: 'x-password-123' });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toMatch(/queue\.db/);
    expect(await readFile(join(dir, 'queue.db'), 'utf8')).toBe(corrupt);
  }, 30_000);
});
