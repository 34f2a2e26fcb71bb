// electron-builder.yml is checked offline by electron-builder's own schema, before anyone needs internet.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDER_CONFIG, PROJECT_ROOT, validateBuilderConfig } from '../../../scripts/packaging/dry-pack.js';

let scratch: string;
let ourYaml: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'otr-desk-config-'));
  ourYaml = await readFile(join(PROJECT_ROOT, BUILDER_CONFIG), 'utf8');
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function variant(name: string, yaml: string): Promise<string> {
  const file = join(scratch, name);
  await writeFile(file, yaml);
  return file;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validateBuilderConfig()).resolves.toBeUndefined();
  });

  it('a copy with a misspelt top-level key is rejected, naming the key', async () => {
    const file = await variant('typo.yml', ourYaml.replace(/^linux:/m, 'linxu:'));
    await expect(validateBuilderConfig(file)).rejects.toThrow(/unknown property 'linxu'/);
  });

  it('a copy with an unknown fuse is rejected', async () => {
    const file = await variant('fuse.yml', ourYaml.replace(/^electronFuses:\n/m, 'electronFuses:\n  runAsRoot: false\n'));
    await expect(validateBuilderConfig(file)).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('a copy with a wrongly typed value is rejected', async () => {
    const file = await variant('type.yml', ourYaml.replace(/^asar: true$/m, 'asar: sometimes'));
    await expect(validateBuilderConfig(file)).rejects.toThrow(/asar/);
  });

  // What ends up inside app.asar is asserted on a real pack in dry-pack.test.ts.
  it('packs into an asar, never publishes and never rebuilds native modules (none exist)', async () => {
    const config = await getConfig(PROJECT_ROOT, BUILDER_CONFIG, null);
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(false);
  });

  it('builds the installers people expect on each platform', async () => {
    const config = await getConfig(PROJECT_ROOT, BUILDER_CONFIG, null);
    expect(config.productName).toBe('OTR Desk');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('registers rocketchat:// so deep links open the app', async () => {
    const config = await getConfig(PROJECT_ROOT, BUILDER_CONFIG, null);
    const schemes = [config.protocols ?? []].flat().flatMap((p) => p.schemes);
    expect(schemes).toContain('rocketchat');
  });
});
