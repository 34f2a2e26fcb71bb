// Which private protocol a DM uses: one small function of (server version, OTR_Enable, the user's setting, what the
// peer announced). Rocket.Chat's own OTR is only ever used where the server relays it without storing it (< 8.0)
// and has it switched on; OTR v3 works everywhere and is preferred whenever the peer is OTR Desk.

export type PrivateProtocol = 'otr-v3' | 'rocketchat';

/** What the server says about itself: `GET /api/info` version and the public setting `OTR_Enable` (absent on 8.x). */
export interface ServerOtrSupport {
  readonly version: string | null;
  readonly otrEnable: boolean | null;
}

/** Who the peer is, as far as its last native event told: OTR Desk marks its handshake, the official apps do not. */
export type PeerKind = 'unknown' | 'otr-desk' | 'official';

export interface ProtocolChoiceInput {
  readonly server: ServerOtrSupport;
  /** Settings → "Rocket.Chat OTR with official apps". */
  readonly userSetting: boolean;
  readonly peer: PeerKind;
}

/** 'rocketchat' for an unknown peer means: ask with a native handshake that carries our mark. */
export type ProtocolChoice = PrivateProtocol | 'ignore';

function majorOf(version: string): number {
  const match = /^(\d+)\./.exec(version.trim());
  return match ? Number(match[1]) : Number.NaN;
}

/** True only for a known version below 8.0 with OTR_Enable explicitly on: 8.x would store `t: 'otr'` for ever. */
export function serverHasNativeOtr(server: ServerOtrSupport): boolean {
  if (server.version === null || server.otrEnable !== true) return false;
  const major = majorOf(server.version);
  return Number.isFinite(major) && major < 8;
}

export function chooseProtocol({ server, userSetting, peer }: ProtocolChoiceInput): ProtocolChoice {
  if (!serverHasNativeOtr(server)) return peer === 'official' ? 'ignore' : 'otr-v3';
  switch (peer) {
    case 'otr-desk':
      // Fingerprints and SMP whenever both sides can have them, whatever the setting says.
      return 'otr-v3';
    case 'official':
      return userSetting ? 'rocketchat' : 'ignore';
    case 'unknown':
      return userSetting ? 'rocketchat' : 'otr-v3';
  }
}
