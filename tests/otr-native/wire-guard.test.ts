import { describe, expect, it } from 'vitest';

import { findForbidden } from '../../src/contract/wire-guard.js';
import { WIRE } from './vectors.js';

describe('IPC audit: Rocket.Chat OTR material', () => {
  it('flags native ciphertext and JWK keys, plain and inside a JSON-encoded IPC frame', () => {
    const jwk = '{"kty":"EC","crv":"P-256","x":"89vTnsGyfAqjOiPnCMk03ZCUYtGGSgEp-0X8e3mquhg","y":"vH8o70Y7xEsrt5fWoM9IdMHe9Xg9r11MsFcnXwjP-rc"}';
    expect(findForbidden(WIRE)).toBe('native-otr-ciphertext');
    expect(findForbidden(JSON.stringify({ text: WIRE }))).toBe('native-otr-ciphertext');
    expect(findForbidden(jwk)).toBe('key-material');
    expect(findForbidden(JSON.stringify({ payload: jwk }))).toBe('key-material');
  });

  it('leaves ordinary text alone', () => {
    expect(findForbidden(JSON.stringify({ text: 'binary search on the kty field, P-256 curve' }))).toBeNull();
  });
});
