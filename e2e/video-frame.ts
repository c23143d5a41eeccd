/**
 * A frame of a pileup stream to show the overlay over, drawn here as a stand-in for a camera: a
 * transceiver's display and the waterfall above it, as pileup streams show.
 */
import type { Page } from '@playwright/test';

const VIDEO_FRAME = `<!doctype html><html><body style="margin:0"><canvas id="c" width="1920" height="1080"></canvas><script>
const c = document.getElementById('c').getContext('2d');
let seed = 7; const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
const room = c.createLinearGradient(0, 0, 0, 1080); room.addColorStop(0, '#1d2430'); room.addColorStop(1, '#0c0f14');
c.fillStyle = room; c.fillRect(0, 0, 1920, 1080);
// The waterfall: noise, with the pileup's signals up 5-10 kHz and the DX's own on the left.
const wx = 140, wy = 90, ww = 1100, wh = 520;
for (let y = 0; y < wh; y += 4) for (let x = 0; x < ww; x += 4) {
  let v = rnd() * 0.35;
  if (Math.abs(x - 180) < 14) v += 0.6;
  for (const s of [520, 560, 610, 640, 700, 735, 790]) if (Math.abs(x - s) < 9 && ((y + s) % 90) < 60) v += 0.5 + rnd() * 0.3;
  const r = Math.min(255, v * 80), g = Math.min(255, v * 180), b = Math.min(255, 90 + v * 200);
  c.fillStyle = 'rgb(' + r + ',' + g + ',' + b + ')'; c.fillRect(wx + x, wy + y, 4, 4);
}
c.strokeStyle = '#3a4656'; c.lineWidth = 6; c.strokeRect(wx, wy, ww, wh);
// The transceiver.
c.fillStyle = '#22262d'; c.beginPath(); c.roundRect(120, 680, 1340, 330, 28); c.fill();
c.fillStyle = '#0d2a2e'; c.fillRect(400, 730, 700, 170);
c.fillStyle = '#7ff5e3'; c.font = 'bold 96px monospace'; c.fillText('14.195.00', 430, 850);
c.font = 'bold 36px monospace'; c.fillText('USB', 985, 790); c.fillText('SPLIT', 985, 880);
for (const [x, r] of [[250, 80], [1220, 95], [1370, 40]]) { c.fillStyle = '#14171c'; c.beginPath(); c.arc(x, 840, r, 0, 7); c.fill(); c.strokeStyle = '#4a5260'; c.lineWidth = 4; c.stroke(); }
for (let i = 0; i < 8; i++) { c.fillStyle = '#3b424d'; c.fillRect(440 + i * 76, 930, 58, 34); }
</script></body></html>`;

/** The page as it is now (the overlay), transparent parts and all, over the frame: saved to `path`. */
export async function overVideo(page: Page, path: string): Promise<void> {
  const overlay = await page.screenshot({ omitBackground: true });
  // A blank page first: the server's pages allow no inline script, which draws the frame.
  await page.goto('about:blank');
  await page.setContent(VIDEO_FRAME);
  await page.evaluate((png) => {
    const img = document.createElement('img');
    img.src = `data:image/png;base64,${png}`;
    img.style.cssText = 'position:absolute;left:0;top:0;width:1920px;height:1080px';
    document.body.append(img);
    return img.decode();
  }, overlay.toString('base64'));
  await page.screenshot({ path });
}
