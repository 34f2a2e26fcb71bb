// Offline packaging check, for a person at a terminal: `npx tsx scripts/check-packaging.ts`.
// The same steps run inside `npm test` as tests/desktop/packaging/*.test.ts, which assert on the details.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BUILT_ENTRY_FILES,
  asarFiles,
  dryPack,
  ensureAppBuilt,
  installedElectronVersion,
  makeStubElectron,
  readFuses,
  validateBuilderConfig,
} from './packaging/dry-pack.js';

async function main(): Promise<void> {
  await validateBuilderConfig();
  console.log('✓ electron-builder.yml matches electron-builder’s schema');
  console.log(`✓ app build: ${await ensureAppBuilt()}`);
  const work = await mkdtemp(join(tmpdir(), 'otr-desk-pack-'));
  try {
    const stub = await makeStubElectron(join(work, 'electron'), await installedElectronVersion());
    const pack = await dryPack(stub, join(work, 'dist'));
    const files = asarFiles(pack.asarPath);
    const missing = [...BUILT_ENTRY_FILES, 'package.json', 'node_modules/otr/lib/ake.js'].filter((f) => !files.has(f));
    if (missing.length > 0) throw new Error(`app.asar lacks ${missing.join(', ')}`);
    console.log(`✓ app.asar holds the app and its runtime modules (${files.size} entries)`);
    console.log('✓ fuses:', JSON.stringify(await readFuses(pack.executablePath)));
    const entries = JSON.parse(await readFile(pack.desktopEntriesPath, 'utf8')) as { deb: string };
    console.log(`✓ deb desktop entry:\n${entries.deb}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
