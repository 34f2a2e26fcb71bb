// Secret names may contain ':' '|' '/' (they name accounts by URL); file names on every platform may not.
// Escaping is reversible and keeps names readable for a person looking at the folder.
export function secretFileName(name: string, extension: string): string {
  if (name.length === 0 || name.length > 200) throw new Error('invalid secret name');
  const safe = Array.from(name, (ch) => (/[A-Za-z0-9.-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16).padStart(2, '0')}`)).join('');
  if (safe.startsWith('.')) return `_2e${safe.slice(1)}.${extension}`;
  return `${safe}.${extension}`;
}
