import { describe, expect, it } from 'vitest';
import { missingAdditions, patchAdditions, patchedPackageName } from '../../../scripts/packaging/patch-additions.js';

const PATCH = `diff --git a/node_modules/otr/lib/ake.js b/node_modules/otr/lib/ake.js
index c76c2a4..aab5c46 100644
--- a/node_modules/otr/lib/ake.js
+++ b/node_modules/otr/lib/ake.js
@@ -232,7 +232,8 @@
           type = '\\x11'
-          send = HLP.packMPI(this.r)
+          // r is revealed as 16-byte DATA
+          send = HLP.packData(BigInt.bigInt2bits(this.r, 16))
+
diff --git a/node_modules/otr/lib/otr.js b/node_modules/otr/lib/otr.js
--- a/node_modules/otr/lib/otr.js
+++ b/node_modules/otr/lib/otr.js
@@ -1,3 +1,3 @@
-    sessKeys.rcv_counter = ctr
+    sessKeys.rcv_counter = ctr // after MAC
`;

describe('reading a patch-package patch', () => {
  it('collects the non-blank lines each file gains', () => {
    expect(patchAdditions(PATCH)).toEqual(
      new Map([
        ['lib/ake.js', ['// r is revealed as 16-byte DATA', 'send = HLP.packData(BigInt.bigInt2bits(this.r, 16))']],
        ['lib/otr.js', ['sessKeys.rcv_counter = ctr // after MAC']],
      ]),
    );
  });

  it('tells a patched file from a pristine one', () => {
    const added = patchAdditions(PATCH).get('lib/ake.js') ?? [];
    const pristine = "type = '\\x11'\n  send = HLP.packMPI(this.r)\n";
    const patched = "type = '\\x11'\n    // r is revealed as 16-byte DATA\n    send = HLP.packData(BigInt.bigInt2bits(this.r, 16))\n";
    expect(missingAdditions(added, patched)).toEqual([]);
    expect(missingAdditions(added, pristine)).toEqual(added);
  });

  it('names the patched package from the file name', () => {
    expect(patchedPackageName('otr+0.2.16.patch')).toBe('otr');
    expect(patchedPackageName('@rocket.chat+sdk+1.0.0-alpha.42.patch')).toBe('@rocket.chat/sdk');
  });
});
