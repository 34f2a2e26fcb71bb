// Fingerprints as people compare them: 5 groups of 8 hex digits.
export function fingerprintGroups(fingerprint: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < fingerprint.length; i += 8) groups.push(fingerprint.slice(i, i + 8));
  return groups;
}

export function formatFingerprint(fingerprint: string): string {
  return fingerprintGroups(fingerprint).join(' ');
}
