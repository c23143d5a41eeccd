/** Log files in UTF-8 or in Windows-1252, arriving in pieces cut anywhere. */
import { describe, expect, it } from 'vitest';
import { LogTextDecoder } from '../../src/shared/text/log-text-decoder.js';

function decodeInPieces(bytes: Uint8Array, size: number): { text: string; legacy: boolean } {
  const decoder = new LogTextDecoder();
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.decode(bytes.subarray(i, i + size));
  text += decoder.decode(new Uint8Array(0), true);
  return { text, legacy: decoder.legacy };
}

describe('log text decoder', () => {
  it('reads UTF-8 whatever the pieces, a character cut between two included', () => {
    const bytes = new TextEncoder().encode('<NAME:12>Lucía García 日本 <EOR>');
    for (const size of [1, 2, 3, 5, bytes.length]) expect(decodeInPieces(bytes, size)).toEqual({ text: '<NAME:12>Lucía García 日本 <EOR>', legacy: false });
  });

  it('reads Windows-1252 when the file is not UTF-8, from the piece where that shows', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('<CALL:4>W1AW <NAME:4>Jos'), 0xe9, ...new TextEncoder().encode(' <EOR>')]);
    for (const size of [1, 4, bytes.length]) expect(decodeInPieces(bytes, size)).toEqual({ text: '<CALL:4>W1AW <NAME:4>José <EOR>', legacy: true });
  });
});
