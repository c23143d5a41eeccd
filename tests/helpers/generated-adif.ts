/**
 * ADIF logs as a real program writes one, made up for tests: a header, CRLF, tags in any case,
 * application-defined fields; QSOs 20 s apart over three bands and modes. Records listed in `bad`
 * are broken on purpose ('call': no callsign; 'date': a date in the wrong form).
 */
const BANDS = [['20m', '14.025'], ['40m', '7.010'], ['15m', '21.300']] as const;
const MODES = ['CW', 'SSB', 'FT8'] as const;
const letters = (n: number) => String.fromCharCode(65 + (n % 26)) + String.fromCharCode(65 + (Math.floor(n / 26) % 26)) + String.fromCharCode(65 + (Math.floor(n / 676) % 26));

export function generatedLog(count: number, bad: Map<number, string> = new Map()): { text: string; lineOf: Map<number, number> } {
  const lines = ['Generated for the import test', '<ADIF_VER:5>3.1.4', '<PROGRAMID:7>TestLog', '<EOH>'];
  const lineOf = new Map<number, number>();
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < count; i++) {
    const call = `${['K', 'W', 'N'][i % 3]}${i % 10}${letters(Math.floor(i / 30))}`;
    const at = new Date(start + i * 20_000).toISOString();
    const [band, freq] = BANDS[i % 3]!;
    const mode = MODES[Math.floor(i / 3) % 3]!;
    const date = bad.get(i) === 'date' ? '2026-11-01' : at.slice(0, 10).replace(/-/g, '');
    const callField = bad.get(i) === 'call' ? '<CALL:0>' : `<call:${call.length}>${call}`;
    lineOf.set(i, lines.length + 1);
    lines.push(`${callField} <QSO_DATE:${date.length}>${date} <time_on:6>${at.slice(11, 19).replace(/:/g, '')} <BAND:${band.length}>${band} <FREQ:${freq.length}>${freq} <Mode:${mode.length}>${mode} <RST_SENT:3>599 <APP_TESTLOG_SERIAL:${String(i).length}>${i} <EOR>`);
  }
  return { text: `${lines.join('\r\n')}\r\n`, lineOf };
}

