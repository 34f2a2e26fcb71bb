// The contract's otr.* calls. Each waits for the account's OTR rooms (they exist once signed in) and hands the
// call to them; only views, fingerprints and outcomes come back, never wire text or keys.
import type { AccountCallName, Handlers, Result } from '../../contract/calls.js';
import type { Room } from '../../contract/model.js';
import type { OtrAccount, OtrRooms } from './otr-account.js';
import { attempt, ok } from './results.js';
import { otrRefusal } from './room-fields.js';

export type OtrHandlers = Pick<Handlers, Extract<AccountCallName, `otr.${string}`>>;

export interface OtrHandlerDeps {
  otr: OtrAccount;
  /** The account's rooms now (the room list the renderer shows). */
  rooms: () => Room[];
}

/** `deps` is read at each call: the chat service builds its handlers before its own fields are set. */
export function otrHandlers(deps: () => OtrHandlerDeps): OtrHandlers {
  const account = (): OtrAccount => deps().otr;
  const rooms = (): Room[] => deps().rooms();
  const withOtr = async <T>(run: (otr: OtrRooms) => Result<T> | Promise<Result<T>>): Promise<Result<T>> => {
    const otr = await account().ready().catch(() => undefined);
    if (!otr) return { ok: false, error: { code: 'not-signed-in' } };
    return run(otr);
  };
  return {
    'otr.get': (roomId) => withOtr((otr) => ({ ok: true, value: otr.view(roomId) })),
    'otr.states': () => withOtr((otr) => ({
      ok: true,
      value: rooms().flatMap((room) => (room.type === 'd' ? [otr.view(room.id)] : [])),
    })),
    'otr.start': (roomId) => withOtr((otr) => {
      const refused = otrRefusal(rooms().find((room) => room.id === roomId));
      if (refused) return { ok: false, error: refused };
      // Start from a declined / timed-out / failed request is the dialog's Retry.
      const phase = otr.view(roomId).phase;
      return phase === 'declined' || phase === 'timed-out' || phase === 'error' ? otr.retry(roomId) : otr.start(roomId);
    }),
    'otr.cancel': (roomId) => withOtr((otr) => otr.cancel(roomId)),
    'otr.accept': (roomId) => withOtr((otr) => otr.accept(roomId)),
    'otr.decline': (roomId) => withOtr((otr) => otr.decline(roomId)),
    'otr.end': (roomId) => withOtr((otr) => otr.end(roomId)),
    'otr.confirmEnded': (roomId) => withOtr((otr) => otr.confirmEnded(roomId)),
    'otr.dismiss': (roomId) => withOtr((otr) => otr.dismiss(roomId)),
    'otr.refresh': (roomId) => withOtr((otr) => otr.refresh(roomId)),
    'otr.fingerprints': (roomId) => withOtr((otr) => otr.fingerprints(roomId)),
    'otr.ownFingerprint': async () => ok(await account().ownFingerprint()),
    'otr.verify': (roomId, fp) => withOtr((otr) => otr.verify(roomId, fp)),
    'otr.unverify': (roomId, fp) => withOtr((otr) => otr.unverify(roomId, fp)),
    'otr.acceptNewKey': (roomId, fp) => withOtr((otr) => otr.acceptNewKey(roomId, fp)),
    'otr.smpStart': (roomId, request) => withOtr((otr) => otr.smpStart(roomId, request)),
    'otr.smpAnswer': (roomId, secret) => withOtr((otr) => otr.smpAnswer(roomId, secret)),
    'otr.smpAbort': (roomId) => withOtr((otr) => otr.smpAbort(roomId)),
    'otr.knownFingerprints': () => attempt(() => account().knownFingerprints()),
    'otr.problems': () => ok(account().problems()),
    'otr.forgetFingerprint': (userId, fp) => attempt(async () => {
      await account().forgetFingerprint(userId, fp);
      return null;
    }),
  };
}
