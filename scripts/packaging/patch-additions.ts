// Reads a patch-package patch (git diff format) into the lines it adds per file, so the packaging check can
// prove that the files inside app.asar are the patched ones and not a pristine copy from the registry.

/** Path inside the package (e.g. "lib/ake.js") → the non-blank lines the patch adds there, trimmed. */
export type PatchAdditions = Map<string, string[]>;

const FILE_HEADER = /^diff --git a\/node_modules\/(?:@[^/]+\/)?[^/]+\/(\S+) b\//;

export function patchAdditions(patch: string): PatchAdditions {
  const additions: PatchAdditions = new Map();
  let current: string[] | undefined;
  for (const line of patch.split('\n')) {
    const header = FILE_HEADER.exec(line);
    if (header) {
      current = [];
      additions.set(header[1] as string, current);
      continue;
    }
    if (!current || line.startsWith('+++')) continue;
    if (line.startsWith('+') && line.slice(1).trim() !== '') current.push(line.slice(1).trim());
  }
  return additions;
}

/** Added lines that do not occur (as whole, trimmed lines) in `content`. Empty means the patch is in place. */
export function missingAdditions(added: readonly string[], content: string): string[] {
  const present = new Set(content.split('\n').map((line) => line.trim()));
  return added.filter((line) => !present.has(line));
}

/** The package a patch-package file name is for: "otr+0.2.16.patch" → "otr", "@scope+name+1.0.0.patch" → "@scope/name". */
export function patchedPackageName(fileName: string): string {
  const parts = fileName.replace(/\.patch$/, '').split('+');
  parts.pop();
  return parts.join('/');
}
