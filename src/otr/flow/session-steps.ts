// Transitions of an open session: the AKE result against the trust store, verification (manual or SMP),
// and the session ending or failing under us.
import type { Fingerprint, KnownFingerprint, NoticeCode, SmpView } from '../../contract/model.js';
import { dropSession, endedByPeer, failed, FAILURE, failQueue, flush, go, unhandled } from './steps.js';
import type { EventOf, FlowEffect, FlowEvent, FlowState, SessionSeq, StateOf, Transition } from './types.js';

type SecureState = StateOf<'private'> | StateOf<'key-changed'>;

const SMP_IDLE: SmpView = { phase: 'idle' };

/** Handles every event that machine.ts does not: the ones about an open session. */
export function onSessionEvent(state: FlowState, event: FlowEvent): Transition {
  switch (event.type) {
    case 'secure':
      return onSecure(state, event);
    case 'peerEnded':
      return isCurrent(state, event.session)
        ? go(
            endedByPeer(state),
            ...dropSession(state),
            ...failQueue(state, FAILURE.ended),
            { type: 'failOutgoing', scope: 'pending', error: FAILURE.ended },
            { type: 'notice', code: 'otr-ended-by-peer' },
          )
        : unhandled(state);
    case 'engineError':
      return event.fatal && isCurrent(state, event.session)
        ? go(
            failed(state, 'error', FAILURE.protocol),
            ...dropSession(state),
            ...failQueue(state, FAILURE.protocol),
            { type: 'failOutgoing', scope: 'pending', error: FAILURE.protocol },
            { type: 'notice', code: 'otr-error' },
          )
        : unhandled(state);
    case 'verify':
      return onVerify(state, event.fingerprint);
    case 'unverify': {
      const s = secureState(state);
      if (s?.phase !== 'private' || s.fingerprint !== event.fingerprint || !s.verified) return unhandled(state);
      return go({ ...s, verified: false }, { type: 'trustVerified', fingerprint: s.fingerprint, verified: false });
    }
    case 'acceptNewKey':
      return state.phase === 'key-changed' && state.fingerprint === event.fingerprint
        ? goPrivate(state, false, state.smp, { type: 'trustRemember', fingerprint: state.fingerprint })
        : unhandled(state);
    default:
      return onSmpEvent(state, event);
  }
}

function isCurrent(state: FlowState, session: SessionSeq): boolean {
  return (state.phase === 'handshaking' || state.phase === 'private' || state.phase === 'key-changed') && state.session === session;
}

function secureState(state: FlowState, session?: SessionSeq): SecureState | null {
  if (state.phase !== 'private' && state.phase !== 'key-changed') return null;
  return session === undefined || state.session === session ? state : null;
}

function onSecure(state: FlowState, event: EventOf<'secure'>): Transition {
  const { session, fingerprint, known } = event;
  if (state.phase !== 'handshaking' || state.session !== session) return unhandled(state);
  const base = { config: state.config, nextSeq: state.nextSeq, session, fingerprint, smp: SMP_IDLE };
  const entry = known.find((k) => k.fingerprint === fingerprint);
  if (known.length > 0 && entry === undefined) {
    // A known peer with a key we never saw: hold everything until the user verifies or accepts it.
    const next: FlowState = { ...base, queue: state.queue, phase: 'key-changed', previous: previousKey(known) };
    return go(next, { type: 'notice', code: 'otr-key-changed' });
  }
  // A first key is trusted on first use; a known one is stored again only to keep the username current.
  const next: FlowState = { ...base, queue: [], phase: 'private', verified: entry?.verified ?? false };
  return go(
    next,
    { type: 'trustRemember', fingerprint },
    { type: 'notice', code: state.refresh ? 'otr-refreshed' : 'otr-started' },
    ...flush(state, session),
  );
}

/** The key to compare against: a verified one if any, else the one seen last. */
function previousKey(known: readonly KnownFingerprint[]): Fingerprint {
  const ranked = [...known].sort((a, b) => Number(b.verified) - Number(a.verified) || b.firstSeenAt - a.firstSeenAt);
  return ranked[0]!.fingerprint;
}

/** Leaves key-changed (or stays private) with the given verified flag; queued messages go out now. */
function goPrivate(state: SecureState, verified: boolean, smp: SmpView = state.smp, ...effects: FlowEffect[]): Transition {
  const next: FlowState = {
    config: state.config,
    nextSeq: state.nextSeq,
    queue: [],
    phase: 'private',
    session: state.session,
    fingerprint: state.fingerprint,
    verified,
    smp,
  };
  return go(next, ...effects, ...flush(state, state.session));
}

/** Marks the key verified; `notice` is the chat line (a manual verify says it only when it changes something). */
function markVerified(state: SecureState, smp: SmpView, notice: NoticeCode | null = null): Transition {
  const already = state.phase === 'private' && state.verified;
  // Verifying a changed key is accepting it: stored first, then marked.
  const effects: FlowEffect[] = [
    { type: 'trustRemember', fingerprint: state.fingerprint },
    { type: 'trustVerified', fingerprint: state.fingerprint, verified: true },
  ];
  if (notice !== null) effects.push({ type: 'notice', code: notice });
  else if (!already) effects.push({ type: 'notice', code: 'otr-verified' });
  return goPrivate(state, true, smp, ...effects);
}

function onVerify(state: FlowState, fingerprint: Fingerprint): Transition {
  const s = secureState(state);
  return s !== null && s.fingerprint === fingerprint ? markVerified(s, s.smp) : unhandled(state);
}

function onSmpEvent(state: FlowState, event: FlowEvent): Transition {
  switch (event.type) {
    case 'smpStart': {
      const s = secureState(state);
      if (s === null || s.smp.phase === 'asked' || s.smp.phase === 'in-progress') return unhandled(state);
      return go(
        { ...s, smp: { phase: 'asked', startedBy: 'me' } },
        { type: 'smpStart', session: s.session, secret: event.secret, ...(event.question === undefined ? {} : { question: event.question }) },
      );
    }
    case 'smpAnswer': {
      const s = secureState(state);
      if (s?.smp.phase !== 'question') return unhandled(state);
      return go({ ...s, smp: { phase: 'in-progress', startedBy: 'peer' } }, { type: 'smpAnswer', session: s.session, secret: event.secret });
    }
    case 'smpAbort': {
      const s = secureState(state);
      if (s === null || !['asked', 'question', 'in-progress'].includes(s.smp.phase)) return unhandled(state);
      return go(
        { ...s, smp: { phase: 'aborted', ...startedBy(s.smp) } },
        { type: 'smpAbort', session: s.session },
        { type: 'notice', code: 'otr-smp-aborted' },
      );
    }
    case 'smpQuestion': {
      const s = secureState(state, event.session);
      if (s === null) return unhandled(state);
      const question = event.question === undefined ? {} : { question: event.question.slice(0, 500) };
      return go({ ...s, smp: { phase: 'question', startedBy: 'peer', ...question } });
    }
    case 'smpResult': {
      const s = secureState(state, event.session);
      if (s === null) return unhandled(state);
      // Every outcome is a chat line on both sides: the answering side's dialog has closed by now.
      if (event.trusted) return markVerified(s, { phase: 'succeeded', startedBy: event.startedBy }, 'otr-smp-succeeded');
      return go({ ...s, smp: { phase: 'failed', startedBy: event.startedBy } }, { type: 'notice', code: 'otr-smp-failed' });
    }
    case 'smpAborted': {
      const s = secureState(state, event.session);
      if (s === null || s.smp.phase === 'aborted') return unhandled(state);
      return go({ ...s, smp: { phase: 'aborted', ...startedBy(s.smp) } }, { type: 'notice', code: 'otr-smp-aborted' });
    }
    default:
      return unhandled(state);
  }
}

function startedBy(smp: SmpView): Pick<SmpView, 'startedBy'> {
  return smp.startedBy === undefined ? {} : { startedBy: smp.startedBy };
}
