// Which code computes the OTR group's modular powers in this thread, said once. The patched bigint.js decides
// at load: node:crypto's Diffie-Hellman primitive when its known answer is right, else JavaScript BigInt.
// What stays in JavaScript either way (not constant time) is listed in README.md, "Timing".
import bigint from 'otr/vendor/bigint.js';

export type PowModPath = ReturnType<typeof bigint.powModPath>;

export function powModPath(): PowModPath {
  return bigint.powModPath();
}

export function describePowModPath(path: PowModPath): { level: 'info' | 'warn'; text: string } {
  if (path.path === 'platform') {
    return {
      level: 'info',
      text:
        'OTR engine: powers modulo the OTR group (DH, SMP) run in node:crypto, constant time in the exponent; ' +
        'DSA signing, SMP proof arithmetic and number conversions run in JavaScript, not constant time',
    };
  }
  const why = path.reason === 'known-answer' ? 'it gave a wrong known answer' : path.reason === 'error' ? 'it failed' : 'it is not available';
  return {
    level: 'warn',
    text: `OTR engine: the platform crypto library is not used (${why}); every modular power runs in JavaScript BigInt, not constant time`,
  };
}

let reported = false;

/** Logs the active path once per thread (the worker, or the inline engine's thread). */
export function reportPowModPath(log: Pick<Console, 'info' | 'warn'> = console): void {
  if (reported) return;
  reported = true;
  const { level, text } = describePowModPath(powModPath());
  log[level](text);
}
