// Bundles the page-side bridge once per host start (tens of milliseconds with esbuild).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function buildBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./bridge/bridge.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('bridge build produced nothing');
  return output.text;
}
