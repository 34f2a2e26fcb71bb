// The offline packaging check's moving parts: validate electron-builder.yml against electron-builder's own
// schema, make sure the app is built, and run a real `electron-builder --linux dir` against a stub Electron
// (no binary can be downloaded here) so file globs, asar packing, node_modules collection, fuses and the
// Linux desktop entry are all exercised by electron-builder itself. See docs/PACKAGING.md.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const run = promisify(execFile);

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const BUILDER_CONFIG = 'electron-builder.yml';
/** What electron-vite must have produced for the app to start. */
export const BUILT_ENTRY_FILES = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'] as const;
/** The Linux executable name set in electron-builder.yml. */
export const EXECUTABLE = 'otr-desk';

/** Rejects with electron-builder's own message (e.g. "configuration has an unknown property 'linxu'"). */
export async function validateBuilderConfig(configFile = BUILDER_CONFIG, projectDir = PROJECT_ROOT): Promise<void> {
  const config = await getConfig(projectDir, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
}

export function missingBuildOutput(projectDir = PROJECT_ROOT): string[] {
  return BUILT_ENTRY_FILES.filter((file) => !existsSync(join(projectDir, file)));
}

/** Builds the app with electron-vite when out/ lacks an entry file; the error says why packaging cannot go on. */
export async function ensureAppBuilt(projectDir = PROJECT_ROOT): Promise<'already-built' | 'built'> {
  const missing = missingBuildOutput(projectDir);
  if (missing.length === 0) return 'already-built';
  try {
    await run(join(projectDir, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: projectDir,
      maxBuffer: 32 * 1024 * 1024,
      // Plain text: the build's error ends up in a test report.
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (err) {
    throw new Error(
      `The packaging check needs a built app, but ${missing.join(', ')} did not exist and ` +
        '`npx electron-vite build` failed. The app code does not build yet; fix that first.\n' +
        tail(outputOf(err)),
    );
  }
  const stillMissing = missingBuildOutput(projectDir);
  if (stillMissing.length > 0) {
    throw new Error(`electron-vite build succeeded but did not produce ${stillMissing.join(', ')}: check electron.vite.config.ts.`);
  }
  return 'built';
}

/** The fuse wire as shipped by Electron, so the check can see electron-builder flip it. */
const STOCK_FUSE_WIRE = '10110001';
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * A stand-in Electron distribution: an `electron` script carrying a stock fuse wire (sentinel, version 1,
 * length 8, one ASCII 0/1 per fuse), the `version` file and an empty resources/. Not runnable as an app.
 */
export async function makeStubElectron(dir: string, electronVersion: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const wire = `${FUSE_SENTINEL}\x01\x08${STOCK_FUSE_WIRE}`;
  await writeFile(join(dir, 'electron'), `#!/bin/sh\necho "stub Electron for the packaging check"\n# ${wire}\n`);
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), electronVersion);
  return dir;
}

export async function installedElectronVersion(projectDir = PROJECT_ROOT): Promise<string> {
  const manifest = JSON.parse(await readFile(join(projectDir, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export interface DryPack {
  appOutDir: string;
  asarPath: string;
  executablePath: string;
  /** Written by scripts/packaging/desktop-entry-hook.cjs. */
  desktopEntriesPath: string;
}

/** `electron-builder --linux dir --publish never` with the stub Electron; output goes to `outputDir`. */
export async function dryPack(stubDir: string, outputDir: string, projectDir = PROJECT_ROOT): Promise<DryPack> {
  const hook = join(import.meta.dirname, 'desktop-entry-hook.cjs');
  const args = ['--linux', 'dir', '--publish', 'never', `-c.electronDist=${stubDir}`,
    `-c.directories.output=${outputDir}`, `-c.afterPack=${hook}`];
  try {
    await run(join(projectDir, 'node_modules/.bin/electron-builder'), args, {
      cwd: projectDir,
      maxBuffer: 32 * 1024 * 1024,
      // No CI detection: it would trigger implicit publishing checks.
      env: { ...process.env, CI: '' },
    });
  } catch (err) {
    throw new Error(`electron-builder --linux dir failed:\n${tail(outputOf(err))}`);
  }
  const appOutDir = join(outputDir, 'linux-unpacked');
  return {
    appOutDir,
    asarPath: join(appOutDir, 'resources/app.asar'),
    executablePath: join(appOutDir, EXECUTABLE),
    desktopEntriesPath: join(outputDir, 'desktop-entries.json'),
  };
}

/** Paths inside the archive, without the leading slash: "out/main/index.js". */
export function asarFiles(asarPath: string): Set<string> {
  return new Set(listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/^[/\\]/, '')));
}

export function asarText(asarPath: string, file: string): string {
  return extractFile(asarPath, file).toString('utf8');
}

export const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_NAMES)[number];

/** The fuses in a packaged executable, by electron-builder's option names. */
export async function readFuses(executablePath: string): Promise<Record<FuseName, boolean>> {
  const wire = (await getCurrentFuseWire(executablePath)) as unknown as Record<number, number>;
  const ENABLED = '1'.charCodeAt(0);
  return Object.fromEntries(FUSE_NAMES.map((name, index) => [name, wire[index] === ENABLED])) as Record<
    FuseName,
    boolean
  >;
}

/** Every installed production package, as a node_modules path relative to the project. */
export async function productionPackages(projectDir = PROJECT_ROOT): Promise<string[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: projectDir }));
  } catch (err) {
    // npm ls exits 1 for unmet optional peers; its stdout still lists what is installed.
    stdout = (err as { stdout?: string }).stdout ?? '';
  }
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => relative(projectDir, line))
    .filter((path) => path.startsWith('node_modules'));
}

function outputOf(err: unknown): string {
  const e = err as { stdout?: string; stderr?: string; message?: string };
  return [e.stdout, e.stderr].filter(Boolean).join('\n') || (e.message ?? String(err));
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
