/**
 * Only the pileup publishes events, through its serialised mutation path: that path is what keeps
 * every client's events in the order the changes happened (a held-back queue announcement goes
 * out before any later event). Anything else that publishes straight to the hub can overtake it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = join(import.meta.dirname, '../../src/main');
const PUBLISHER = 'server/pileup/pileup-service.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []
  );
}

describe('one way to publish', () => {
  it('no module but the pileup calls the event hub’s publish', () => {
    const offenders = sources(SERVER)
      .map((file) => relative(SERVER, file))
      .filter((file) => file !== PUBLISHER && /\bhub\.publish\(/.test(readFileSync(join(SERVER, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
