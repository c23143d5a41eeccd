/** ADIF as real logs write it, read a piece at a time: records, their lines, and what is not ADIF. */
import { describe, expect, it } from 'vitest';
import { AdifReader, AdifSyntaxError } from '../../src/main/server/log/adif-reader.js';

function readAll(text: string, pieceSize = text.length): Array<Record<string, string | number>> {
  const reader = new AdifReader();
  const records = [];
  for (let i = 0; i < text.length; i += pieceSize) records.push(...reader.push(text.slice(i, i + pieceSize)));
  records.push(...reader.end());
  return records.map((r) => ({ ...Object.fromEntries(r.fields), line: r.line }));
}

const LOG = [
  'Exported by SomeLogger 1.0',
  '<ADIF_VER:5>3.1.4 <PROGRAMID:10>SomeLogger',
  '<USERDEF1:8:N>QRP_WATT',
  '<EOH>',
  '<CALL:4>W1AW <QSO_DATE:8>20261201 <TIME_ON:4>0802 <band:3>20m <Mode:3>SSB <APP_N1MM_EXCHANGE1:2>14 <EOR>',
  '',
  '<call:6>JA1XYZ',
  '<qso_date:8>20261201<time_on:6>080355<BAND:3>40m<MODE:2>CW<COMMENT:12>a <b> c  tag<EOR>',
  '<CALL:5>G4ABC <QSO_DATE:8>20261202 <TIME_ON:4>0000'
].join('\r\n');

describe('ADIF reader', () => {
  it('reads records after a header, any tag case, app fields, CRLF, and a last record without <EOR>', () => {
    expect(readAll(LOG)).toEqual([
      { call: 'W1AW', qso_date: '20261201', time_on: '0802', band: '20m', mode: 'SSB', app_n1mm_exchange1: '14', line: 5 },
      { call: 'JA1XYZ', qso_date: '20261201', time_on: '080355', band: '40m', mode: 'CW', comment: 'a <b> c  tag', line: 7 },
      { call: 'G4ABC', qso_date: '20261202', time_on: '0000', line: 9 }
    ]);
  });

  it('reads the same whatever size the pieces arrive in', () => {
    const whole = readAll(LOG);
    for (const size of [1, 2, 3, 7, 16, 61]) expect(readAll(LOG, size), `pieces of ${size}`).toEqual(whole);
  });

  it('reads a file with no header', () => {
    expect(readAll('<CALL:4>W1AW <QSO_DATE:8>20261201 <TIME_ON:4>0802 <EOR>\n')).toEqual([{ call: 'W1AW', qso_date: '20261201', time_on: '0802', line: 1 }]);
  });

  it('refuses what is not ADIF, naming the line', () => {
    const error = (text: string) => {
      try {
        readAll(text, 5);
      } catch (e) {
        return e;
      }
      return null;
    };
    const unclosed = error('<EOH>\n<CALL:4>W1AW <EOR>\n<CALL:4 W1AW <EOR>\n'.replace('<CALL:4 W1AW <EOR>', '<CALL:4 W1AW' + ' '.repeat(300)));
    expect(unclosed).toBeInstanceOf(AdifSyntaxError);
    expect((unclosed as AdifSyntaxError).line).toBe(3);
    expect((error('<EOH>\n\n<CALL:X>W1AW <EOR>') as Error).message).toBe('line 3: <CALL:X> is not a field (expected <NAME:LENGTH>)');
    expect((error('<EOH>\n<CALL:40>W1AW <EOR>\n') as Error).message).toBe('line 2: the file ends inside field CALL (it says 40 characters)');
    expect((error('<EOH>\n<CALL>W1AW <EOR>\n') as Error).message).toMatch(/^line 2: <CALL> is not a field/);
  });

  it('reads a length counted in UTF-8 bytes as well as one in characters, whichever the program wrote', () => {
    const byBytes = '<EOH><CALL:4>K1AB<NAME:5>José<EOR><CALL:4>W2CD<NAME:3>Ann<EOR>';
    const byChars = '<EOH><CALL:4>K1AB<NAME:4>José<EOR><CALL:4>W2CD<EOR>';
    for (const size of [byBytes.length, 3, 1]) {
      expect(readAll(byBytes, size).map((r) => [r.call, r.name])).toEqual([['K1AB', 'José'], ['W2CD', 'Ann']]);
      expect(readAll(byChars, size).map((r) => [r.call, r.name])).toEqual([['K1AB', 'José'], ['W2CD', undefined]]);
    }
  });

  it('takes a header’s stray "<" as text, field names with "-", and lines ended by a lone CR', () => {
    expect(readAll('Exported by MyLog <v1.2>\n<PROGRAMID:5>MyLog<EOH>\n<CALL:4>W1AW<APP_MY-LOG_X:1>1<EOR>').map((r) => [r.call, r['app_my-log_x']])).toEqual([['W1AW', '1']]);
    expect(readAll('<EOH>\r<CALL:4>W1AW<EOR>\r\r<CALL:5>G4ABC<EOR>').map((r) => r.line)).toEqual([2, 4]);
  });

  it('refuses a header that never ends, and a record that never ends', () => {
    expect(() => readAll('Log of W1AW\n<ADIF_VER:5>3.1.4\n<CALL:4>W1AW <EOR>\n')).toThrow(/no <EOH>/);
    expect(() => readAll(`<EOH>${Array.from({ length: 600 }, (_, i) => `<F${i}:1>x`).join('')}`)).toThrow(/more than 500 fields/);
  });
});
