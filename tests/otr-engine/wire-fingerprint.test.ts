import { describe, expect, it } from 'vitest';
import { formatFingerprint, normalizeFingerprint, sameFingerprint } from '../../src/otr/fingerprint.js';
import { fragmentSizeFor, FRAGMENT_HEADER_MAX, isDataMessage, isError, isFragment, isOtrWire, isQuery } from '../../src/otr/wire.js';

const DATA = '?OTR:AAMDG2PYTwAAAAABAAAAAgAAAMA=.';
const DH_COMMIT = '?OTR:AAMCG2PYTwAAAAAAAAAAxA==.';

describe('wire recognisers', () => {
  it.each([
    ['?OTRv3?', true],
    ['?OTRv23?', true],
    ['?OTR?v2?', true],
    ['?OTRv23? Bob has requested an <b>Off-the-Record private conversation</b>.', true],
    ['?OTR?', true],
    ['?OTR is a thing', false],
    ['hello ?OTRv3?', false],
  ])('query %j → %s', (text, expected) => {
    expect(isQuery(text)).toBe(expected);
  });

  it('tells data from AKE messages, fragments and errors', () => {
    expect(isDataMessage(DATA)).toBe(true);
    expect(isDataMessage(DH_COMMIT)).toBe(false);
    expect(isOtrWire(DH_COMMIT)).toBe(true);
    expect(isFragment('?OTR|5a73a599|27e31597,00001,00003,?OTR:AAMDJ+MVmSfjFZcAAAAAAQAAAAIAAADA1/,')).toBe(true);
    expect(isFragment('?OTR,1,3,?OTR:AAEDAAAAAQAAAAEAAADAVf3Ei72ZgFeKqWvLMnuVPVCwxWReOgsnehm,')).toBe(true);
    expect(isFragment(DATA)).toBe(false);
    expect(isError('?OTR Error:An OTR error has occurred.')).toBe(true);
    expect(isOtrWire('?OTR Error:An OTR error has occurred.')).toBe(true);
  });

  it('leaves people\'s words alone', () => {
    for (const text of ['hi', 'what is ?OTR', 'OTR:abc', '', '?otrv3?', 'I typed ?OTR: by accident']) {
      expect(isOtrWire(text)).toBe(false);
    }
  });

  it('chooses a fragment size whose whole fragment fits the limit', () => {
    expect(fragmentSizeFor(0)).toBe(0);
    expect(fragmentSizeFor(5000)).toBe(5000 - FRAGMENT_HEADER_MAX);
    const longestHeader = '?OTR|ffffffff|ffffffff,65535,65535,';
    expect(longestHeader.length + 'x'.repeat(fragmentSizeFor(200)).length + ','.length).toBeLessThanOrEqual(200);
    expect(() => fragmentSizeFor(20)).toThrow(/no room/);
  });
});

describe('fingerprints', () => {
  const fp = '6cc76b7b49a77990aaaaaaaabbbbbbbbcccccccc';
  it('normalises, formats in five groups and compares', () => {
    expect(normalizeFingerprint(fp)).toBe(fp.toUpperCase());
    expect(normalizeFingerprint('6CC76B7B 49A77990 AAAAAAAA BBBBBBBB CCCCCCCC')).toBe(fp.toUpperCase());
    expect(normalizeFingerprint('6CC76B7B')).toBeNull();
    expect(normalizeFingerprint('g'.repeat(40))).toBeNull();
    expect(formatFingerprint(fp)).toBe('6CC76B7B 49A77990 AAAAAAAA BBBBBBBB CCCCCCCC');
    expect(sameFingerprint(fp, '6CC76B7B 49A77990 AAAAAAAA BBBBBBBB CCCCCCCC')).toBe(true);
    expect(sameFingerprint(fp, fp.replace(/c$/, 'd'))).toBe(false);
    expect(sameFingerprint(fp, 'nonsense')).toBe(false);
  });
});
