// Bundles page-side scripts with esbuild (tens of milliseconds): the host's bridge once per host start, and the
// bench's fake API.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * One browser script (IIFE, ES2022) from `entry` and what it imports. Never split: the renderer's own code
 * splitting is electron-vite's (out/renderer), which the host serves as built, so both apps load the same chunks.
 */
export async function bundleForPage(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: options.minify ?? false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`${entry}: the build produced nothing`);
  return output.text;
}

/** Minified: the page loads it before the renderer, at every start (unminified it was ≈ 500 kB, mostly zod). */
export function buildBridge(): Promise<string> {
  return bundleForPage(fileURLToPath(new URL('./bridge/bridge.ts', import.meta.url)), { minify: true });
}
