import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withSummary } from '../../scripts/update-readme-protocol.js';
import { OPERATION_NAMES } from '../../src/shared/protocol/operations.js';

describe('README protocol summary', () => {
  it('matches the operation table (run `npm run docs` to update it)', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toBe(withSummary(readme));
    for (const name of OPERATION_NAMES) expect(readme).toContain(`\`${name}\``);
  });
});
