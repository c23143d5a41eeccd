/**
 * `npm run icons`: renders the one icon source, resources/icon.svg, into every file the
 * installers need, with Chromium (Debian's /usr/bin/chromium, or CHROMIUM_PATH) through
 * Playwright:
 *
 *   resources/icon.png          1024x1024, the app icon (electron-builder makes the macOS .icns from it)
 *   resources/icon.ico          Windows icon, each size rendered from the SVG (16-256 px, PNG-compressed entries)
 *   resources/icons/NxN.png     Linux icon set (16-512 px) for the AppImage and the deb
 *
 * Each size is rendered from the vector source rather than scaled down from the big PNG, so the
 * small ones stay sharp. The outputs are committed; run this again after editing the SVG.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { chromium } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const resources = join(root, 'resources');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const WINDOWS_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** An .ico whose entries are PNG images (supported by Windows since Vista). */
function icoFromPngs(pngs: Buffer[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * pngs.length;
  for (const png of pngs) {
    const { width, height } = pngSize(png);
    const entry = Buffer.alloc(16);
    entry.writeUInt8(width >= 256 ? 0 : width, 0); // 0 means 256
    entry.writeUInt8(height >= 256 ? 0 : height, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...pngs]);
}

async function main(): Promise<void> {
  const svg = await readFile(join(resources, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  });
  const rendered = new Map<number, Buffer>();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const render = async (size: number): Promise<Buffer> => {
      const cached = rendered.get(size);
      if (cached) return cached;
      await page.setViewportSize({ width: size, height: size });
      const image = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(
        `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style></head>` +
          `<body><img src="${image}" alt=""></body></html>`
      );
      await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      const actual = pngSize(png);
      if (actual.width !== size || actual.height !== size) throw new Error(`rendered ${actual.width}x${actual.height}, wanted ${size}x${size}`);
      rendered.set(size, png);
      return png;
    };

    const written: string[] = [];
    const write = async (file: string, data: Buffer) => {
      await writeFile(file, data);
      written.push(relative(root, file));
    };
    await write(join(resources, 'icon.png'), await render(1024));
    await mkdir(join(resources, 'icons'), { recursive: true });
    for (const size of LINUX_SIZES) await write(join(resources, 'icons', `${size}x${size}.png`), await render(size));
    const icoImages: Buffer[] = [];
    for (const size of WINDOWS_SIZES) icoImages.push(await render(size));
    await write(join(resources, 'icon.ico'), icoFromPngs(icoImages));
    console.log(`Rendered resources/icon.svg with ${CHROMIUM_PATH}:\n  ${written.join('\n  ')}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Could not render the icons: ${error instanceof Error ? error.message : String(error)}`);
  if (!process.env.CHROMIUM_PATH) console.error('Chromium is expected at /usr/bin/chromium (apt-get install chromium), or set CHROMIUM_PATH.');
  process.exit(1);
});
