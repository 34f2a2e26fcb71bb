// How an OTR room view reads at a glance: one word set and one icon per situation, never colour alone.
import type { OtrRoomView } from '../../../../contract/model.js';
import type { StringKey } from '../../i18n/index.js';

export type StatusIcon = 'open-lock' | 'lock' | 'shield' | 'hourglass' | 'warning' | 'ended';

export interface OtrStatus {
  key: StringKey;
  icon: StatusIcon;
  /** True when messages go out encrypted. */
  private: boolean;
}

export function otrStatus(view: Pick<OtrRoomView, 'phase' | 'verified' | 'protocol'> | undefined): OtrStatus {
  switch (view?.phase ?? 'idle') {
    case 'private':
      // Rocket.Chat's own OTR has no identity keys: never "verified", and it says so.
      if (view?.protocol === 'rocketchat') return { key: 'otr.state.native', icon: 'lock', private: true };
      return view?.verified
        ? { key: 'otr.state.verified', icon: 'shield', private: true }
        : { key: 'otr.state.unverified', icon: 'lock', private: true };
    case 'requesting':
      return { key: 'otr.state.requesting', icon: 'hourglass', private: false };
    case 'incoming':
      return { key: 'otr.state.incoming', icon: 'hourglass', private: false };
    case 'handshaking':
      return { key: 'otr.state.handshaking', icon: 'hourglass', private: false };
    case 'ended-by-peer':
      return { key: 'otr.state.ended', icon: 'ended', private: false };
    case 'key-changed':
      return { key: 'otr.state.keyChanged', icon: 'warning', private: false };
    case 'declined':
      return { key: 'otr.state.declined', icon: 'open-lock', private: false };
    case 'timed-out':
      return { key: 'otr.state.timedOut', icon: 'open-lock', private: false };
    case 'error':
      return { key: 'otr.state.error', icon: 'warning', private: false };
    case 'idle':
      return { key: 'otr.state.idle', icon: 'open-lock', private: false };
  }
}

/** Why the composer is blocked, if it is: the user must act on the OTR state first. */
export function sendBlockReason(view: OtrRoomView | undefined): StringKey | null {
  if (view?.phase === 'ended-by-peer') return 'chat.blockedEnded';
  if (view?.phase === 'key-changed') return 'chat.blockedKeyChanged';
  return null;
}

/** True while the peer waits for my answer to their check. Here, not beside the SMP dialog: that loads lazily. */
export function peerAwaitsAnswer(smp: OtrRoomView['smp']): boolean {
  if (!smp || smp.startedBy === 'me') return false;
  return smp.phase === 'question' || smp.phase === 'asked';
}
