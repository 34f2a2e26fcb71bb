// Rasterises assets/icon.svg, the one source of the app icon, into the PNGs electron-builder needs:
// assets/icons/<n>x<n>.png for the Linux icon theme and assets/icon.png (1024) from which electron-builder
// derives the Windows .ico and macOS .icns; and assets/badge.svg (the Windows taskbar's unread overlay) into
// assets/overlay/unread-16.png (kept out of assets/icons, the Linux icon theme). Run after editing an SVG:
// `npx tsx scripts/icons.ts`.
// Chromium lays the SVG out at each target size (no downscaling of one bitmap), so small sizes stay crisp.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

const root = resolve(import.meta.dirname, '..');
const assets = join(root, 'assets');

async function main(): Promise<void> {
  const svg = await readFile(join(assets, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 1024 }, deviceScaleFactor: 1 });
    await mkdir(join(assets, 'icons'), { recursive: true });
    for (const size of ICON_SIZES) {
      const png = await rasterise(page, svg, size);
      await writeFile(join(assets, 'icons', `${size}x${size}.png`), png);
      if (size === 1024) await writeFile(join(assets, 'icon.png'), png);
      console.log(`assets/icons/${size}x${size}.png`);
    }
    const badge = await readFile(join(assets, 'badge.svg'), 'utf8');
    await mkdir(join(assets, 'overlay'), { recursive: true });
    await writeFile(join(assets, 'overlay', 'unread-16.png'), await rasterise(page, badge, 16));
    console.log('assets/overlay/unread-16.png');
  } finally {
    await browser.close();
  }
}

/** Lays the SVG out at exactly size×size CSS pixels and screenshots it with a transparent background. */
async function rasterise(page: Page, svg: string, size: number): Promise<Buffer> {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img style="display:block" src="${src}" width="${size}" height="${size}"></body></html>`,
  );
  await page.locator('img').evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

await main();
