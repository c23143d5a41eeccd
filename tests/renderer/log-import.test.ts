/** The console sends an imported file in pieces that always fit one WebSocket frame. */
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../src/shared/protocol/endpoints.js';
import { nextPiece } from '../../src/renderer/src/state/log-import.js';

const frameBytes = (piece: string) => new TextEncoder().encode(JSON.stringify({ type: 'request', id: 1, operation: 'admin.import_log_chunk', data: { import_id: 'x'.repeat(36), data: piece } })).length;

describe('import pieces', () => {
  it('sends a plain ASCII log 60,000 characters at a time, or nearly when its line ends are escaped', () => {
    const line = `<CALL:4>W1AW <QSO_DATE:8>20261201 <TIME_ON:6>080200 <BAND:3>20m <MODE:3>SSB <RST_SENT:2>59 <RST_RCVD:2>59 <EOR>\r\n`;
    expect(nextPiece(line.repeat(1000), 60_000)).toHaveLength(60_000);
    const dense = nextPiece('<CALL:4>W1AW <EOR>\r\n'.repeat(5000), 60_000);
    expect(dense.length).toBeGreaterThan(55_000);
    expect(frameBytes(dense)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
  });

  it('sends less when the text would not fit a frame once escaped or in UTF-8', () => {
    for (const text of ['日本語'.repeat(30_000), '\u0001'.repeat(60_000), 'é'.repeat(60_000)]) {
      const piece = nextPiece(text, 60_000);
      expect(piece.length).toBeGreaterThan(5_000);
      expect(frameBytes(piece)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    }
  });
});
