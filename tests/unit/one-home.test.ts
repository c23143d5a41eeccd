/**
 * Facts with one home stay there. Only the pileup publishes events, through its announcer's
 * serialised change path, which keeps every client's events in the order the changes happened (a
 * held-back queue announcement goes out before any later event); anything publishing straight to
 * the hub could overtake it. Paths and limits are written once, in the endpoints module, so a
 * change there reaches the server, the clients, discovery and the docs together.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, PRODUCT_NAME } from '../../src/shared/product.js';

const SRC = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []
  );
}

/** Code lines (not comments) of every source file matching `pattern`, as "file:line". */
function codeMatching(pattern: RegExp, except: string[]): string[] {
  return sources(SRC).flatMap((file) => {
    const name = relative(SRC, file);
    if (except.includes(name)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (!/^\s*(\*|\/\/|\/\*)/.test(line) && pattern.test(line) ? [`${name}:${i + 1}`] : []));
  });
}

describe('one home for each fact', () => {
  it('no module but the pileup’s announcer calls the event hub’s publish', () => {
    expect(codeMatching(/\bhub\.publish\(/, ['main/server/pileup/announcer.ts'])).toEqual([]);
  });

  it('the protocol’s paths, default port and size limits are written only in the endpoints module', () => {
    const literals = /['"`]\/ws\/connect|['"`]\/console\/|['"`]\/api\/events\/stream|port: 8000|'8000'|such as 8000|= 64 \* 1024;|= 1024 \* 1024;/;
    expect(codeMatching(literals, ['shared/protocol/endpoints.ts'])).toEqual([]);
  });

  it('the product’s name and app id are written only in the product module, and the installer says the same', () => {
    expect(codeMatching(/['"`]Pileup Buster Desktop['"`]|org\.pileupbuster\.desktop/, ['shared/product.ts'])).toEqual([]);
    const installer = readFileSync(join(SRC, '../electron-builder.yml'), 'utf8');
    expect(installer).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
    expect(installer).toMatch(new RegExp(`^productName: ${PRODUCT_NAME}$`, 'm'));
  });
});
