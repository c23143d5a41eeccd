/** The overlay's URL options: what OBS users type, and the defaults a typo falls back to. */
import { describe, expect, it } from 'vitest';
import { OVERLAY_DEFAULTS, overlayOptions } from '../../src/renderer/src/overlay/overlay-options.js';

describe('overlay options', () => {
  it('defaults with nothing given', () => {
    expect(overlayOptions('')).toEqual(OVERLAY_DEFAULTS);
  });

  it('reads every option', () => {
    expect(overlayOptions('?rows=8&size=l&theme=light&side=left&qr=0&map=1&join=http://192.168.1.5:8000/')).toEqual({ rows: 8, scale: 1.5, theme: 'light', side: 'left', qr: false, map: true, join: 'http://192.168.1.5:8000/' });
    expect(overlayOptions('?size=1.25').scale).toBe(1.25);
    expect(overlayOptions('?size=S').scale).toBe(0.75);
  });

  it('keeps values in range and ignores what it does not understand', () => {
    expect(overlayOptions('?rows=99').rows).toBe(15);
    expect(overlayOptions('?rows=-2').rows).toBe(5);
    expect(overlayOptions('?size=10').scale).toBe(3);
    expect(overlayOptions('?size=huge').scale).toBe(1);
    expect(overlayOptions('?theme=neon&side=top').theme).toBe('dark');
    expect(overlayOptions('?join=javascript:alert(1)').join).toBeNull();
    expect(overlayOptions('?map=maybe').map).toBe(false);
  });
});
