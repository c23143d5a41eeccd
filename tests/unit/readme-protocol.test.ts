import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, withSummary } from '../../scripts/generate-docs.js';
import { protocolReferenceMarkdown } from '../../src/shared/protocol/reference.js';
import { OPERATION_NAMES } from '../../src/shared/protocol/operations.js';
import { EVENT_NAMES } from '../../src/shared/protocol/events.js';

describe('generated protocol docs (run `npm run docs` to update them)', () => {
  it('the README summary matches the operation table', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withSummary(readme));
  });

  it('docs/protocol.md matches the tables', () => {
    const committed = readFileSync(REFERENCE_FILE, 'utf8');
    expect(committed).toBe(protocolReferenceMarkdown());
    for (const name of OPERATION_NAMES) expect(committed).toContain(`### \`${name}\``);
    for (const name of EVENT_NAMES) expect(committed).toContain(`### \`${name}\``);
    expect(committed).toContain('`POST /api/queue/register`');
  });
});
