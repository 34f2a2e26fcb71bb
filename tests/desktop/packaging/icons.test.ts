// The committed icons are what installers ship: each must be the size its name says, all from assets/icon.svg.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../scripts/packaging/dry-pack.js';

const ASSETS = join(PROJECT_ROOT, 'assets');

/** Width and height from a PNG's IHDR chunk; throws for anything that is not a PNG. */
async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(file);
  if (bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('app icons', () => {
  it('exist in every size the Linux icon theme and the tray use, each the size its name says', async () => {
    const files = (await readdir(join(ASSETS, 'icons'))).filter((f) => f.endsWith('.png'));
    const sizes = files.map((f) => Number(/^(\d+)x\1\.png$/.exec(f)?.[1]));
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
    for (const file of files) {
      const size = Number(file.split('x')[0]);
      expect(await pngSize(join(ASSETS, 'icons', file)), file).toEqual({ width: size, height: size });
    }
  });

  it('include a 1024 px icon.png, from which electron-builder makes the .ico and .icns', async () => {
    expect(await pngSize(join(ASSETS, 'icon.png'))).toEqual({ width: 1024, height: 1024 });
    expect(await readFile(join(ASSETS, 'icon.png'))).toEqual(await readFile(join(ASSETS, 'icons/1024x1024.png')));
  });

  it('come from one SVG source', async () => {
    const svg = await readFile(join(ASSETS, 'icon.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 1024 1024"/);
  });
});
