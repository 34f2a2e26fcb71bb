// createRocketChatClient: the sign-in flows and the intent-level API over one Account at a time.
import type { LoginOutcome } from '../../contract/calls.js';
import type { ConnectionState, LoginOptions, Room, Session, User } from '../../contract/model.js';
import type { RelayedOtrMessage } from '../../otr/native/ports.js';
import { Account, DEFAULT_MAX_MESSAGE_SIZE, type AccountIdentity, type AccountShared } from './account.js';
import { ldapLogin, passwordLogin, totpLogin, resumeLogin } from './auth.js';
import { realClock } from './clock.js';
import { Emitter } from './emitter.js';
import { RcError, rcError } from './errors.js';
import { fetchHistoryPage } from './history.js';
import { MessageFeed } from './message-feed.js';
import { isMessageId, newMessageId } from './message-id.js';
import { createNativeOtrChannel } from './native-otr.js';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_MEDIA_TYPE_BLACKLIST, fetchFile, mediaTypeAccepted, uploadFile } from './files.js';
import { oldestFirst, toRcMessage, toUser } from './records.js';
import { DirectRoomResult, MessageRecord, parseEach, SpotlightResult, UserRecord } from './schemas.js';
import { checkServer } from './server-info.js';
import { SessionStore } from './session-store.js';
import { fetchLoginOptions, type ServerLoginOptions } from './login-options.js';
import { restLogin } from './rest-login.js';
import { startSso } from './sso.js';
import { fetchMe, requestToken } from './sign-in.js';
import { openWebSocket } from './socket.js';
import { TypingTracker } from './typing.js';
import { defaultOptions, type RcDeletion, type RocketChatClient, type RocketChatDeps, type ServerInfo } from './types.js';

const consoleLogger = { warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };

// The sign-in screen, the sign-in and SSO each need the server's options: read once a minute at most, since
// anonymous REST calls are limited (10 a minute per route by default).
const LOGIN_OPTIONS_FRESH_MS = 60_000;

interface PendingTotp {
  server: ServerInfo;
  /** What the code completes: a password or LDAP login (an SSO one, should a server ever ask). */
  login: object;
  expiresAt: number;
}

export function createRocketChatClient(deps: RocketChatDeps): RocketChatClient {
  const options = { ...defaultOptions, ...deps.options };
  const logger = deps.logger ?? consoleLogger;
  const clock = deps.clock ?? realClock;
  const fetchImpl = deps.fetch ?? fetch;
  const probeFetch = deps.probeFetch ?? fetchImpl;
  const store = new SessionStore(deps.secrets, logger);
  const loopDeps = {
    openSocket: deps.openSocket ?? openWebSocket,
    clock,
    logger,
    random: deps.random ?? Math.random,
    backoff: options.backoff,
    connectTimeoutMs: options.connectTimeoutMs,
    callTimeoutMs: options.callTimeoutMs,
    pingIdleMs: options.pingIdleMs,
    pingTimeoutMs: options.pingTimeoutMs,
  };
  const feed = new MessageFeed(logger, options.seenIdsLimit);
  const typing = new TypingTracker(clock, logger, options.typingExpiryMs);
  const roomsChanged = new Emitter<[Room[]]>(logger, 'rooms');
  const presence = new Emitter<[User]>(logger, 'presence');
  const states = new Emitter<[ConnectionState]>(logger, 'connection state');
  const otrSignals = new Emitter<[unknown[]]>(logger, 'otr signal');
  const otrMessages = new Emitter<[RelayedOtrMessage]>(logger, 'otr message');
  const deletions = new Emitter<[string, RcDeletion]>(logger, 'deletion');
  const shared: AccountShared = {
    loopDeps, logger, options, feed, typing, roomsChanged, presence, states, otrSignals, otrMessages, deletions,
    onTokenRefused: () => void store.clear(),
  };
  let account: Account | undefined;
  let pendingTotp: PendingTotp | undefined;

  let lastServerUrl: string | undefined;
  let optionsRead: { url: string; at: number; value: ServerLoginOptions } | undefined;
  const loginOptionsOf = async (url: string, fetchWith = fetchImpl): Promise<ServerLoginOptions> => {
    if (optionsRead?.url === url && clock.now() - optionsRead.at < LOGIN_OPTIONS_FRESH_MS) return optionsRead.value;
    const value = await fetchLoginOptions(url, fetchWith, options.callTimeoutMs);
    if (value.known) optionsRead = { url, at: clock.now(), value };
    return value;
  };
  // Each sign-in gets a number; cancelling moves it on, so a late answer of the old attempt is dropped.
  let attempt = 0;
  const cancelled = (): RcError => rcError('not-signed-in', 'The sign-in was cancelled.');

  const session = (): Session => {
    if (!account) return { connection: { kind: 'signed-out' }, ...(lastServerUrl !== undefined ? { serverUrl: lastServerUrl } : {}) };
    const { identity } = account;
    const result: Session = { connection: account.loop.state, serverUrl: identity.serverUrl, me: account.me() };
    if (identity.serverVersion !== undefined) result.serverVersion = identity.serverVersion;
    return result;
  };

  const signedIn = (): Account => {
    if (!account) throw rcError('not-signed-in');
    return account;
  };

  const endAccount = (): void => {
    account?.stop();
    account = undefined;
    feed.reset();
    typing.clear();
  };

  /** Starts the long-lived connection for a granted token; `keepTrying` (restart) tolerates a down server. */
  const begin = async (identity: AccountIdentity, keepTrying: boolean): Promise<LoginOutcome> => {
    endAccount();
    const next = new Account(identity, shared);
    account = next;
    try {
      await next.start();
    } catch (error) {
      const fatal = error instanceof RcError && error.code === 'not-signed-in';
      if (!keepTrying || fatal || account !== next) {
        if (account === next) endAccount();
        throw error;
      }
    }
    return { kind: 'signed-in', session: session() };
  };

  /** REST login first (every method, microservice servers too), the DDP forms where REST cannot sign in. */
  /** `request`: a password, LDAP or SSO login, or one of them with `{totp: {login, code}}`. */
  const grant = async (n: number, server: ServerInfo, request: object): Promise<LoginOutcome> => {
    const viaRest = await restLogin(server.url, request, fetchImpl, options.callTimeoutMs, () => clock.now());
    let granted = viaRest.kind === 'unavailable' ? await requestToken(server.url, request, 'credentials', loopDeps) : viaRest;
    // Where DDP cannot sign in either (a microservice server), REST's "slow down" is the answer that helps.
    if (viaRest.kind === 'unavailable' && viaRest.limited && granted.kind === 'error') granted = { kind: 'error', error: viaRest.limited };
    if (n !== attempt) throw cancelled();
    if (granted.kind === 'totp-required') {
      const login = 'totp' in request ? (request.totp as { login: object }).login : request;
      pendingTotp = { server, login, expiresAt: clock.now() + options.totpWindowMs };
      return granted.method !== undefined ? { kind: 'totp-required', method: granted.method } : { kind: 'totp-required' };
    }
    if (granted.kind === 'error') throw granted.error;
    pendingTotp = undefined;
    return finish(n, server, granted.userId, granted.token);
  };

  const finish = async (n: number, server: ServerInfo, userId: string, token: string, personalAccessToken = false): Promise<LoginOutcome> => {
    const me = await fetchMe(server.url, userId, token, fetchImpl, options.callTimeoutMs);
    if (n !== attempt) throw cancelled();
    const identity: AccountIdentity = {
      serverUrl: server.url, serverVersion: server.version, userId, token, ...(personalAccessToken ? { personalAccessToken } : {}), ...me,
    };
    const outcome = await begin(identity, false);
    if (n !== attempt) {
      // Cancelled while connecting: sign out again (a password sign-in's fresh token is deleted on the server).
      await account?.signOut();
      endAccount();
      throw cancelled();
    }
    await store.write(identity);
    lastServerUrl = server.url;
    await store.rememberServer(server.url);
    return outcome;
  };

  return {
    checkServer: (url) => checkServer(url, fetchImpl, options.connectTimeoutMs),

    async login({ serverUrl, user, password }) {
      pendingTotp = undefined;
      const n = ++attempt;
      const server = await checkServer(serverUrl, fetchImpl, options.connectTimeoutMs);
      const { ldap } = await loginOptionsOf(server.url);
      if (n !== attempt) throw cancelled();
      return grant(n, server, ldap ? ldapLogin(user, password) : passwordLogin(user, password));
    },

    async loginOptions(serverUrl): Promise<LoginOptions> {
      const server = await checkServer(serverUrl, probeFetch, options.connectTimeoutMs);
      const offered = await loginOptionsOf(server.url, probeFetch);
      const sso = deps.ssoWindow ? offered.sso.map(({ id, kind, label }) => ({ id, kind, label })) : [];
      return { serverUrl: server.url, ldap: offered.ldap, passwordForm: offered.passwordForm, sso };
    },

    async loginWithSso({ serverUrl, serviceId }) {
      pendingTotp = undefined;
      const n = ++attempt;
      const window = deps.ssoWindow;
      const server = await checkServer(serverUrl, fetchImpl, options.connectTimeoutMs);
      const service = (await loginOptionsOf(server.url)).sso.find((s) => s.id === serviceId);
      if (n !== attempt) throw cancelled();
      if (!window || !service) throw rcError('sso-unavailable');
      const start = startSso(service, server.url);
      const end = await window.open(start.url, start.size, start.watch, start.reach);
      if (n !== attempt) throw cancelled();
      if (end.kind === 'failed') throw rcError('sso-failed');
      if (end.kind === 'closed') throw rcError('sso-cancelled');
      return grant(n, server, end.request);
    },

    async submitTotp(code) {
      const pending = pendingTotp;
      if (!pending || pending.expiresAt < clock.now()) {
        pendingTotp = undefined;
        throw rcError('not-signed-in', 'The sign-in took too long. Please start again.');
      }
      return grant(++attempt, pending.server, totpLogin(pending.login, code));
    },

    async loginWithToken({ serverUrl, userId, token }) {
      pendingTotp = undefined;
      const n = ++attempt;
      const server = await checkServer(serverUrl, fetchImpl, options.connectTimeoutMs);
      const granted = await requestToken(server.url, resumeLogin(token), 'token', loopDeps);
      if (granted.kind === 'error') {
        throw granted.error.code === 'not-signed-in' ? rcError('wrong-credentials', 'The server did not accept this token.') : granted.error;
      }
      if (granted.kind !== 'granted' || granted.userId !== userId) throw rcError('wrong-credentials', 'The token belongs to another user.');
      if (n !== attempt) throw cancelled();
      return finish(n, server, userId, token, true);
    },

    async resume() {
      lastServerUrl = await store.lastServer();
      const saved = await store.read();
      if (!saved) return null;
      try {
        return await begin(saved, true);
      } catch (error) {
        if (error instanceof RcError && error.code === 'not-signed-in') await store.clear();
        throw error;
      }
    },

    cancelSignIn() {
      attempt += 1;
      pendingTotp = undefined;
      deps.ssoWindow?.abort();
    },

    async logout() {
      pendingTotp = undefined;
      await account?.signOut();
      endAccount();
      await store.clear();
    },

    session,
    state: () => account?.loop.state ?? { kind: 'signed-out' },
    onState: (listener) => states.on(listener),
    reconnectNow: () => account?.loop.reconnectNow(),

    rooms: () => account?.rooms.list() ?? [],
    onRoomsChanged: (listener) => roomsChanged.on(listener),

    async searchUsers(query) {
      const current = signedIn();
      const raw = SpotlightResult.parse(await current.call('spotlight', [query, [current.identity.username], { users: true, rooms: false }]));
      return parseEach(UserRecord, raw.users, 'user', logger).map(toUser);
    },

    async createDirect(username) {
      const current = signedIn();
      const result = DirectRoomResult.safeParse(await current.call('createDirectMessage', [username]));
      if (!result.success) throw rcError('internal', 'The server did not return the new room.');
      const roomId = result.data.rid;
      if (!current.rooms.has(roomId)) await current.resync();
      const room = current.rooms.get(roomId);
      if (!room) throw rcError('not-found', 'The new direct room is not in the room list.');
      return room;
    },

    async markRead(roomId) {
      const current = signedIn();
      await current.call('readMessages', [roomId]);
      if (current.rooms.markRead(roomId)) roomsChanged.emit(current.rooms.list());
    },

    focusRoom: (roomId) => account?.focus(roomId) ?? Promise.resolve(),
    watchOtr: (roomId, inFlight) => account?.watchOtr(roomId, inFlight),
    callStats: () => ({ ...(account?.budget.stats ?? { taken: 0, refused: 0 }) }),

    onMessage: (listener) => feed.messages.on(listener),
    onDeleted: (listener) => deletions.on(listener),
    roomChanges: (roomId) => signedIn().roomChanges(roomId),

    async react(messageId, emoji) {
      await signedIn().call('setReaction', [emoji, messageId]);
    },

    history(roomId, historyOptions) {
      const current = signedIn();
      const read = historyOptions.before === undefined ? current.newestPage(roomId, historyOptions.limit) : undefined;
      if (read) return Promise.resolve(read);
      return fetchHistoryPage((m, p) => current.call(m, p), logger, roomId, historyOptions);
    },

    async threadMessages(threadId) {
      const current = signedIn();
      const raw = await current.call('getThreadMessages', [{ tmid: threadId, limit: 100 }]);
      const records = parseEach(MessageRecord, Array.isArray(raw) ? raw : [], 'message', logger).map(toRcMessage);
      const [parent, ...replies] = records;
      return parent ? [parent, ...oldestFirst(replies.reverse())] : [];
    },

    fetchFile: (path, signal) => fetchFile(signedIn().identity, fetchImpl, path, signal),
    upload: (roomId, source) => uploadFile(signedIn().identity, fetchImpl, roomId, source),
    get maxFileSize() {
      return account?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    },
    acceptsMediaType: (type) => mediaTypeAccepted(account?.mediaTypeBlacklist ?? DEFAULT_MEDIA_TYPE_BLACKLIST, type),

    send(roomId, text, sendOptions) {
      const id = sendOptions?.id ?? newMessageId();
      const confirmed = (async () => {
        if (!isMessageId(id)) throw rcError('invalid-request', 'A message id is 17 Meteor-style characters.');
        const current = signedIn();
        if (text.length > current.maxMessageSize) throw rcError('message-too-long', `The server accepts at most ${current.maxMessageSize} characters.`);
        return current.sends.enqueue(roomId, text, id, sendOptions?.threadId);
      })();
      return { id, confirmed };
    },

    discardSend: (messageId) => account?.sends.discard(messageId) ?? false,

    get maxMessageSize() {
      return account?.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    },

    async setTyping(roomId, isTyping) {
      const current = signedIn();
      await current.call('stream-notify-room', [`${roomId}/user-activity`, current.identity.username, isTyping ? ['user-typing'] : [], {}]);
    },
    onTyping: (listener) => typing.changes.on(listener),
    onPresence: (listener) => presence.on(listener),
    nativeOtr: createNativeOtrChannel(() => account, { signals: otrSignals, messages: otrMessages }, fetchImpl, options.callTimeoutMs),

    dispose() {
      account?.stop();
      account = undefined;
      return Promise.resolve();
    },
  };
}
