/** The CSV export opens in spreadsheets: a cell must never be taken for a formula. */
import { describe, expect, it } from 'vitest';
import { logToCsv } from '../../src/main/server/log/csv.js';
import type { LoggedQso } from '../../src/shared/protocol/entities.js';

const qso = (notes: string): LoggedQso =>
  ({ id: 'q1', callsign: 'W1AW', started_at: '2026-12-02T10:00:00.000Z', completed_at: '2026-12-02T10:01:00.000Z', notes }) as LoggedQso;

function notesCell(notes: string): string {
  const [header, row] = logToCsv([qso(notes)]).split('\r\n');
  const column = header!.split(',').indexOf('notes');
  // The notes cell is quoted when neutralised; read it back as a spreadsheet would.
  const cells = row!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, ''));
  return cells[column]!;
}

describe('CSV cells', () => {
  it.each(['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\t=1+1', '\r=1+1'])('neutralises a cell starting %j', (notes) => {
    const cell = notesCell(notes);
    expect(cell.startsWith(`"'`)).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    expect(notesCell('good signal 59')).toBe('good signal 59');
  });
});
