import { describe, expect, it } from 'vitest';

import { chooseProtocol, serverHasNativeOtr, type PeerKind, type ServerOtrSupport } from '../../src/otr/native/protocol-choice.js';

const v7: ServerOtrSupport = { version: '7.10.0', otrEnable: true };
const v7off: ServerOtrSupport = { version: '7.10.0', otrEnable: false };
const v8: ServerOtrSupport = { version: '8.0.0', otrEnable: null };

describe('protocol choice', () => {
  it('has native OTR only below 8.0 with OTR_Enable explicitly on', () => {
    expect(serverHasNativeOtr(v7)).toBe(true);
    expect(serverHasNativeOtr({ version: '6.5.2', otrEnable: true })).toBe(true);
    expect(serverHasNativeOtr(v7off)).toBe(false);
    expect(serverHasNativeOtr(v8)).toBe(false);
    // A stale setting on an 8.x server, an unknown version or an unread setting: never native.
    expect(serverHasNativeOtr({ version: '8.1.0', otrEnable: true })).toBe(false);
    expect(serverHasNativeOtr({ version: null, otrEnable: true })).toBe(false);
    expect(serverHasNativeOtr({ version: 'x', otrEnable: true })).toBe(false);
    expect(serverHasNativeOtr({ version: '7.10.0', otrEnable: null })).toBe(false);
  });

  const table: [ServerOtrSupport, boolean, PeerKind, string][] = [
    [v7, true, 'unknown', 'rocketchat'],
    [v7, true, 'otr-desk', 'otr-v3'],
    [v7, true, 'official', 'rocketchat'],
    [v7, false, 'unknown', 'otr-v3'],
    [v7, false, 'otr-desk', 'otr-v3'],
    [v7, false, 'official', 'ignore'],
    [v7off, true, 'unknown', 'otr-v3'],
    [v7off, true, 'official', 'ignore'],
    [v8, true, 'unknown', 'otr-v3'],
    [v8, true, 'otr-desk', 'otr-v3'],
    [v8, true, 'official', 'ignore'],
  ];
  it.each(table)('%j, setting %s, peer %s → %s', (server, userSetting, peer, expected) => {
    expect(chooseProtocol({ server, userSetting, peer })).toBe(expected);
  });
});
