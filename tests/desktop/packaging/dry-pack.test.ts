// A real `electron-builder --linux dir` run against a stub Electron: proves offline that the installers would
// hold the built app, its runtime modules with our patches applied, flipped fuses and a rocketchat:// handler.
// Needs out/ from `npx electron-vite build`; beforeAll builds it when missing and says so when it cannot.
import { readdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_ENTRY_FILES,
  PROJECT_ROOT,
  asarFiles,
  asarText,
  dryPack,
  ensureAppBuilt,
  installedElectronVersion,
  makeStubElectron,
  productionPackages,
  readFuses,
  type DryPack,
} from '../../../scripts/packaging/dry-pack.js';
import { missingAdditions, patchAdditions, patchedPackageName } from '../../../scripts/packaging/patch-additions.js';

let work: string;
let pack: DryPack;
let packed: Set<string>;

beforeAll(async () => {
  await ensureAppBuilt();
  work = await mkdtemp(join(tmpdir(), 'otr-desk-pack-'));
  const stub = await makeStubElectron(join(work, 'electron'), await installedElectronVersion());
  pack = await dryPack(stub, join(work, 'dist'));
  packed = asarFiles(pack.asarPath);
}, 240_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/**
 * The version of `dir`'s package that Node's resolution finds in the pack from where `dir` was installed: the same
 * folder, or one hoisted nearer the root (electron-builder flattens a runtime package whose top-level name only a
 * development package held, e.g. message-parser's tldts 6 next to tough-cookie's tldts 7).
 */
function resolvedInPack(dir: string): string | undefined {
  const parts = dir.split('/node_modules/');
  const name = parts.at(-1) ?? '';
  for (let depth = parts.length - 1; depth >= 0; depth--) {
    const candidate = [...parts.slice(0, depth), name].join('/node_modules/');
    const path = candidate.startsWith('node_modules/') ? candidate : `node_modules/${candidate}`;
    if (packed.has(`${path}/package.json`)) return (JSON.parse(asarText(pack.asarPath, `${path}/package.json`)) as { version: string }).version;
  }
  return undefined;
}

async function installedVersion(dir: string): Promise<string> {
  return (JSON.parse(await readFile(join(PROJECT_ROOT, dir, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('the packaged app (electron-builder --linux dir, stub Electron)', () => {
  it('holds the built main, preload and renderer and the package manifest', () => {
    for (const file of [...BUILT_ENTRY_FILES, 'package.json']) expect(packed, file).toContain(file);
  });

  it('holds nothing at the top level but out/, node_modules/ and package.json', () => {
    const topLevel = new Set([...packed].map((path) => path.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it('starts from the built main entry and names the desktop file Linux looks up for rocketchat://', () => {
    const manifest = JSON.parse(asarText(pack.asarPath, 'package.json')) as { main: string; desktopName: string };
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.desktopName).toBe('otr-desk.desktop');
  });

  it('holds every installed runtime package, and no development-only ones', async () => {
    const runtime = await productionPackages();
    expect(runtime).toContain('node_modules/otr');
    expect(runtime).toContain('node_modules/@rocket.chat/sdk');
    for (const dir of runtime) expect(resolvedInPack(dir), dir).toBe(await installedVersion(dir));
    for (const devOnly of ['electron', 'vitest', 'react', 'electron-builder', 'typescript']) {
      expect(packed).not.toContain(`node_modules/${devOnly}`);
    }
  });

  it('holds the patched libraries (otr, the Rocket.Chat sdk driver), byte for byte as installed by postinstall', async () => {
    const patchDir = join(PROJECT_ROOT, 'patches');
    const patches = existsSync(patchDir) ? (await readdir(patchDir)).filter((f) => f.endsWith('.patch')) : [];
    const otrPatched = patches.some((name) => patchedPackageName(name) === 'otr');
    const checked: string[] = [];
    // Only the app's own dependencies are packaged; a patched tool (Electron's installer) stays outside the app.
    const manifest = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const name of patches) {
      const pkg = patchedPackageName(name);
      if (!(pkg in manifest.dependencies)) continue;
      for (const [file, added] of patchAdditions(await readFile(join(patchDir, name), 'utf8'))) {
        const inAsar = `node_modules/${pkg}/${file}`;
        const content = asarText(pack.asarPath, inAsar);
        expect(missingAdditions(added, content), `${inAsar} lacks lines added by ${name}`).toEqual([]);
        expect(content).toBe(await readFile(join(PROJECT_ROOT, inAsar), 'utf8'));
        checked.push(inAsar);
      }
    }
    expect(checked).toContain('node_modules/@rocket.chat/sdk/lib/drivers/ddp.js');
    if (otrPatched) expect(checked).toContain('node_modules/otr/lib/ake.js');
    else expect(asarText(pack.asarPath, 'node_modules/otr/lib/ake.js')).toBe(
      await readFile(join(PROJECT_ROOT, 'node_modules/otr/lib/ake.js'), 'utf8'),
    );
  });

  it('flips the Electron fuses recommended by the security checklist', async () => {
    expect(await readFuses(pack.executablePath)).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Not configured: stays as Electron ships it.
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('installs tray, window and unread-badge icons next to app.asar', async () => {
    const icons = await readdir(join(pack.appOutDir, 'resources/icons'));
    expect(icons).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', 'unread-16.png']));
  });
});

describe('the Linux desktop entries the deb and AppImage would install', () => {
  type Entries = { desktopFileName: string; deb: string; appImage: string; icons: { size: number }[] };
  const entries = async () => JSON.parse(await readFile(pack.desktopEntriesPath, 'utf8')) as Entries;
  const field = (entry: string, key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(entry)?.[1];

  it('declare the rocketchat:// scheme handler and pass the link to the app', async () => {
    const { deb, appImage } = await entries();
    for (const entry of [deb, appImage]) {
      expect(field(entry, 'MimeType')?.split(';')).toContain('x-scheme-handler/rocketchat');
      expect(field(entry, 'Exec')).toMatch(/ %U$/);
      expect(field(entry, 'Name')).toBe('OTR Desk');
    }
  });

  it('are installed under the name the app reports as its desktopName', async () => {
    const { desktopFileName, deb } = await entries();
    expect(desktopFileName).toBe('otr-desk');
    expect(field(deb, 'StartupWMClass')).toBe('otr-desk');
  });

  it('come with the icon in every size from 16 to 512 pixels', async () => {
    const sizes = (await entries()).icons.map((icon) => icon.size);
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256, 512]));
  });
});
