import { describe, expect, it } from 'vitest';
import { ADIF_MODES, adifMode, defaultRst, isRigDataMode, modeClass } from '../../src/shared/ham/rst.js';

describe('modeClass and defaultRst', () => {
  const PHONE = ['SSB', 'USB', 'LSB', 'usb', 'AM', 'FM', 'DV', 'DIGITALVOICE', 'DSTAR', 'D-STAR', 'C4FM', 'DMR', 'FREEDV', 'M17', 'WFM', 'FMN', 'SAM', 'AMS', 'ECSSUSB', 'PH', 'PHONE'];
  const CW = ['CW', 'cw', 'CWR', 'CW-R', 'CWN', 'PCW'];
  const DIGITAL = [
    'RTTY', 'RTTYR', 'FSK', 'FT8', 'ft8', 'FT4', 'PSK31', 'PSK', 'BPSK31', 'JS8', 'Q65', 'MFSK', 'OLIVIA',
    'OLIVIA 8/250', 'JT65', 'JT65A', 'JT9', 'WSPR', 'MSK144', 'PKT', 'SSTV', 'HELL', 'PKTUSB', 'PKTLSB',
    'PKTFM', 'DIGU', 'DIGL', 'DATA-U', 'USB-D', 'DATA', 'DG', 'RY'
  ];

  it.each(PHONE)('%s is phone with 59', (mode) => {
    expect(modeClass(mode)).toBe('phone');
    expect(defaultRst(mode)).toBe('59');
  });

  it.each(CW)('%s is cw with 599', (mode) => {
    expect(modeClass(mode)).toBe('cw');
    expect(defaultRst(mode)).toBe('599');
  });

  it.each(DIGITAL)('%s is digital with 599', (mode) => {
    expect(modeClass(mode)).toBe('digital');
    expect(defaultRst(mode)).toBe('599');
  });

  it('treats unknown and empty modes as phone', () => {
    for (const mode of ['', '   ', 'NOSUCHMODE', null as unknown as string]) {
      expect(modeClass(mode)).toBe('phone');
      expect(defaultRst(mode)).toBe('59');
    }
  });

  it('classifies every ADIF mode', () => {
    for (const mode of ADIF_MODES) {
      const expected = mode === 'CW' ? 'cw' : ['SSB', 'AM', 'FM', 'DIGITALVOICE'].includes(mode) ? 'phone' : 'digital';
      expect(modeClass(mode)).toBe(expected);
    }
  });
});

describe('adifMode', () => {
  // [rig or ADIF name, MODE, SUBMODE]
  const MAPPED: Array<[string, string, string | null]> = [
    ['USB', 'SSB', 'USB'],
    ['LSB', 'SSB', 'LSB'],
    ['usb', 'SSB', 'USB'],
    ['SSB', 'SSB', null],
    ['ECSSUSB', 'SSB', 'USB'],
    ['ECSSLSB', 'SSB', 'LSB'],
    ['CW', 'CW', null],
    ['CWR', 'CW', null],
    ['CW-R', 'CW', null],
    ['CWN', 'CW', null],
    ['RTTY', 'RTTY', null],
    ['RTTYR', 'RTTY', null],
    ['FSK', 'RTTY', null],
    ['AM', 'AM', null],
    ['AMS', 'AM', null],
    ['SAM', 'AM', null],
    ['DSB', 'AM', null],
    ['FM', 'FM', null],
    ['FMN', 'FM', null],
    ['WFM', 'FM', null],
    ['D-STAR', 'DIGITALVOICE', 'DSTAR'],
    ['DV', 'DIGITALVOICE', 'DSTAR'],
    ['C4FM', 'DIGITALVOICE', 'C4FM'],
    ['DMR', 'DIGITALVOICE', 'DMR'],
    ['FT8', 'FT8', null],
    ['FT4', 'MFSK', 'FT4'],
    ['ft4', 'MFSK', 'FT4'],
    ['JS8', 'MFSK', 'JS8'],
    ['Q65', 'MFSK', 'Q65'],
    ['PSK31', 'PSK', 'PSK31'],
    ['BPSK31', 'PSK', 'PSK31'],
    ['PSK', 'PSK', null],
    ['PSKR', 'PSK', null],
    ['PSK63', 'PSK', 'PSK63'],
    ['JT65', 'JT65', null],
    ['JT65A', 'JT65', 'JT65A'],
    ['JT9', 'JT9', null],
    ['WSPR', 'WSPR', null],
    ['OLIVIA 8/250', 'OLIVIA', 'OLIVIA 8/250'],
    ['MSK144', 'MSK144', null],
    ['PKT', 'PKT', null],
    ['SSTV', 'SSTV', null],
    ['VARA HF', 'DYNAMIC', 'VARA HF'],
    ['  cw  ', 'CW', null]
  ];

  it.each(MAPPED)('%j → MODE %s SUBMODE %s', (name, mode, submode) => {
    expect(adifMode(name)).toEqual({ mode, submode });
  });

  const DATA_MODES = ['PKTUSB', 'PKTLSB', 'PKTFM', 'PKTAM', 'DIGU', 'DIGL', 'DATA-U', 'DATA-L', 'DATA-FM', 'USB-D', 'LSB-D', 'USB-D1', 'FM-D'];

  it.each(DATA_MODES)('rig data mode %s needs the digital mode in use', (name) => {
    expect(isRigDataMode(name)).toBe(true);
    expect(adifMode(name)).toBeNull();
    expect(adifMode(name, { dataMode: 'FT8' })).toEqual({ mode: 'FT8', submode: null });
    expect(adifMode(name, { dataMode: 'FT4' })).toEqual({ mode: 'MFSK', submode: 'FT4' });
    expect(adifMode(name, { dataMode: 'PSK31' })).toEqual({ mode: 'PSK', submode: 'PSK31' });
    // A data mode cannot explain another data mode.
    expect(adifMode(name, { dataMode: 'PKTUSB' })).toBeNull();
    expect(adifMode(name, { dataMode: null })).toBeNull();
  });

  it('ignores dataMode for modes that say what they are', () => {
    expect(adifMode('USB', { dataMode: 'FT8' })).toEqual({ mode: 'SSB', submode: 'USB' });
    expect(isRigDataMode('USB')).toBe(false);
  });

  it('returns null for unknown names', () => {
    for (const name of ['', 'NOSUCHMODE', 'USB2', null as unknown as string]) {
      expect(adifMode(name)).toBeNull();
    }
  });

  it('maps every ADIF mode to itself', () => {
    for (const mode of ADIF_MODES) {
      expect(adifMode(mode)).toEqual({ mode, submode: null });
    }
  });

  it('returns a fresh object each call', () => {
    const a = adifMode('USB')!;
    a.mode = 'CHANGED';
    expect(adifMode('USB')).toEqual({ mode: 'SSB', submode: 'USB' });
  });
});
