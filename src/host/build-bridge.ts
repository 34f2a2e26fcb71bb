// Bundles page-side scripts with esbuild (tens of milliseconds): the host's bridge once per host start, and the
// bench's fake API.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** One browser script (IIFE, ES2022) from `entry` and what it imports. */
export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`${entry}: the build produced nothing`);
  return output.text;
}

export function buildBridge(): Promise<string> {
  return bundleForPage(fileURLToPath(new URL('./bridge/bridge.ts', import.meta.url)));
}
