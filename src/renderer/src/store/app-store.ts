// The one renderer store: fed by api events, changed by api calls. Main owns the truth; this holds only what
// the screens show. Created per api so tests build it with a fake api and no DOM.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../contract/api.js';
import type { LoginOutcome, Result } from '../../../contract/calls.js';
import type { Message, OtrRoomView, Room, Session } from '../../../contract/model.js';
import { otrStatus } from '../features/otr-ui/otr-status.js';
import type { Params, StringKey } from '../i18n/index.js';
import { domAppEvents, type AppEventEmitter } from './app-events.js';
import { createSsoPopup } from './sso-popup.js';
import { applyPresence, oldestShown, prependOlder, removeMessage, sortedPage, sortRooms, upsertMessage } from './reducers.js';
import { accountData, initialData, type AppState, type ChatState } from './app-state.js';

// The store's shape lives in app-state.ts; screens and tests keep importing it from here.
export type { Announcement, AppActions, AppData, AppState, ChatState, LoginState, OtrCall } from './app-state.js';

export type AppStore = StoreApi<AppState>;

/** How long a clicked room waits for its history before it shows with its loading line instead. */
const SHOW_LOADING_AFTER_MS = 150;

export function createAppStore(api: Api, emit: AppEventEmitter = domAppEvents): AppStore {
  return createStore<AppState>()((set, get) => {
    let seq = 0;
    let connectionLost = false;
    // Numbers sign-in attempts, so the answer of a cancelled one is ignored.
    let signInAttempt = 0;
    /** The address whose sign-in options are being read. */
    let optionsReading: string | undefined;
    /** The room the user asked for last: an earlier click's page, arriving later, does not take the screen. */
    let latestOpen: string | undefined;
    // Browser host only: the SSO provider's popup (Electron opens its own window and never asks).
    const ssoPopup = createSsoPopup(() => void api.auth.ssoWindowClosed());
    const announce = (key: StringKey, params?: Params): void => set({ announcement: { seq: ++seq, key, params } });
    const patchChat = (roomId: string, patch: Partial<ChatState>): void => {
      const current = get().chats[roomId] ?? { messages: [], hasMore: true, loaded: false, loadingOlder: false };
      set({ chats: { ...get().chats, [roomId]: { ...current, ...patch } } });
    };

    const applySession = (session: Session): void => {
      const wasSignedIn = get().session.me !== undefined;
      const before = get().session.connection.kind;
      set({ session, booted: true });
      emit('session.changed', { connection: session.connection.kind, signedIn: session.me !== undefined });
      if (session.me === undefined) {
        if (wasSignedIn) set(accountData());
        return;
      }
      // Only a connection that was lost is "restored" (reconnecting may pass through connecting on its way
      // back); the first connect after sign-in is not.
      const kind = session.connection.kind;
      if (kind === 'reconnecting' || kind === 'offline') connectionLost = true;
      if (kind === 'online' && connectionLost) {
        connectionLost = false;
        set({ restoredAt: Date.now() });
        announce('connection.restored');
      }
      if (!wasSignedIn || (session.connection.kind === 'online' && before !== 'online')) void get().loadRooms();
    };

    const applyOtr = (view: OtrRoomView): void => {
      const previous = get().otr[view.roomId];
      set({ otr: { ...get().otr, [view.roomId]: view } });
      emit('otr.changed', {
        roomId: view.roomId,
        phase: view.phase,
        verified: view.verified ?? false,
        smp: view.smp?.phase,
      });
      const status = otrStatus(view);
      if (previous && otrStatus(previous).key !== status.key) announce(status.key);
    };
    /** Asks main for a DM's privacy state unless it is known (events keep it current from then on). */
    const fetchOtr = (room: Room | undefined): void => {
      if (room?.type !== 'd' || get().otr[room.id]) return;
      void api.otr.get(room.id).then((result) => {
        if (result.ok) applyOtr(result.value);
      });
    };
    let statesAsked = false;
    /**
     * Every DM's state in one call when some DM's is not known yet (after a reload): the list shows who is private
     * or asking before any chat is opened. A state an event brought meanwhile is newer and stays.
     */
    const fetchOtrStates = (rooms: readonly Room[]): void => {
      if (statesAsked || !rooms.some((room) => room.type === 'd' && !get().otr[room.id])) return;
      statesAsked = true;
      void api.otr.states().then((result) => {
        statesAsked = false;
        if (result.ok) for (const view of result.value) if (!get().otr[view.roomId]) applyOtr(view);
      });
    };

    const applyMessage = (message: Message): void => {
      const chat = get().chats[message.roomId];
      const isNew = !chat?.messages.some((m) => m.id === message.id);
      if (chat) patchChat(message.roomId, { messages: upsertMessage(chat.messages, message) });
      emit('chat.message', {
        roomId: message.roomId,
        id: message.id,
        kind: message.kind,
        status: message.status,
        own: message.own,
        notice: message.notice,
      });
      if (isNew && !message.own && message.kind !== 'notice' && message.kind !== 'system' && message.kind !== 'deleted') {
        const user = message.author.name ?? message.author.username;
        announce(message.kind === 'private' ? 'chat.newPrivateMessage' : 'chat.newMessage', { user });
      }
    };

    /** What arrives in the room on screen has been seen. */
    const markSeen = (rooms: readonly Room[]): void => {
      const { activeRoomId, screen, onScreen } = get();
      const active = rooms.find((r) => r.id === activeRoomId);
      if (onScreen && active && active.unread > 0 && screen === 'chat') void api.rooms.markRead(active.id);
    };

    /** Reports a failed call on screen; returns the value when there is one. */
    const take = <T>(result: Result<T>): T | undefined => {
      if (result.ok) return result.value;
      set({ problem: result.error });
      return undefined;
    };

    return {
      ...initialData(),

      start() {
        const offs = [
          api.on('session.changed', applySession),
          api.on('rooms.changed', (rooms) => {
            set({ rooms: sortRooms(rooms), roomsLoaded: true });
            emit('rooms.loaded', { count: rooms.length });
            fetchOtrStates(rooms);
            markSeen(rooms);
          }),
          api.on('chat.message', applyMessage),
          api.on('chat.removed', ({ roomId, id }) => {
            const chat = get().chats[roomId];
            if (chat) patchChat(roomId, { messages: removeMessage(chat.messages, id) });
            emit('chat.removed', { roomId, id });
          }),
          api.on('chat.reset', ({ roomId }) => {
            const { [roomId]: _dropped, ...rest } = get().chats;
            set({ chats: rest });
            if (get().activeRoomId === roomId) void get().openRoom(roomId);
          }),
          api.on('chat.typing', ({ roomId, usernames }) => set({ typing: { ...get().typing, [roomId]: usernames } })),
          api.on('users.presence', ({ userId, presence }) => set({ rooms: applyPresence(get().rooms, userId, presence) })),
          api.on('otr.changed', applyOtr),
          api.on('auth.ssoWindow', (request) => ssoPopup.open(request)),
          api.on('accountSettings.changed', (accountSettings) => set({ accountSettings })),
          api.on('otr.keygen', ({ phase }) => set({ keygen: phase })),
          // A key or trust problem is said once, in the banner, with what to do (the event comes once per sign-in).
          api.on('otr.problem', (problem) => set({ problem })),
          api.on('desktop.navigate', (target) => {
            if (target.to === 'room') {
              if (get().session.me !== undefined) void get().openRoom(target.roomId);
              return;
            }
            set({ login: { step: 'credentials', busy: false, error: null, suggestedServer: target.serverUrl } });
          }),
        ];
        // Handed over by the shell when main.tsx read them before the first render; asked for otherwise.
        if (get().settings === null) {
          void api.settings.get().then((result) => {
            if (result.ok) set({ settings: result.value });
          });
        }
        void api.accountSettings.get().then((result) => {
          if (result.ok) set({ accountSettings: result.value });
        });
        // Told before this window listened (at start-up, sign-in runs before the window opens): ask once.
        void api.otr.problems().then((result) => {
          if (result.ok && result.value.length > 0) set({ problem: result.value[0] });
        });
        void api.session.get().then((result) => {
          if (result.ok) applySession(result.value);
          else set({ booted: true, problem: result.error });
        });
        return () => {
          offs.forEach((off) => off());
          ssoPopup.close();
        };
      },

      async signIn(request) {
        const n = ++signInAttempt;
        set({ login: { step: 'credentials', busy: true, error: null } });
        const result = await api.auth.login(request);
        if (n === signInAttempt) handleLogin(result);
      },

      async signInWithToken(request) {
        const n = ++signInAttempt;
        set({ login: { step: 'credentials', busy: true, error: null, personalAccessToken: true } });
        const result = await api.auth.loginWithToken(request);
        if (n === signInAttempt) handleLogin(result);
      },

      async submitTotp(code) {
        const n = ++signInAttempt;
        set({ login: { ...get().login, busy: true, error: null } });
        const result = await api.auth.submitTotp(code);
        if (n === signInAttempt) handleLogin(result);
      },

      async readLoginOptions(address) {
        if (address === '') {
          set({ loginOptions: null });
          return;
        }
        if (optionsReading === address) return;
        // Read again each time (an administrator may have changed them); what is known stays on screen meanwhile.
        if (get().loginOptions?.address !== address) set({ loginOptions: { address, value: null } });
        optionsReading = address;
        const result = await api.auth.loginOptions(address);
        if (optionsReading === address) optionsReading = undefined;
        // Failures stay silent here: signing in says what is wrong with the address.
        if (get().loginOptions?.address === address && result.ok) set({ loginOptions: { address, value: result.value } });
      },

      async signInWithSso(serverUrl, serviceId) {
        const n = ++signInAttempt;
        set({ login: { step: 'credentials', busy: true, error: null, sso: true } });
        const result = await api.auth.sso({ serverUrl, serviceId });
        ssoPopup.close();
        if (n === signInAttempt) handleLogin(result);
      },

      cancelSignIn() {
        ssoPopup.close();
        signInAttempt += 1;
        void api.auth.cancel();
        set({ login: { step: 'credentials', busy: false, error: null } });
      },

      backToCredentials() {
        set({ login: { step: 'credentials', busy: false, error: null } });
      },

      async signOut() {
        await api.auth.logout();
        set({ ...accountData(), session: { ...get().session, me: undefined, connection: { kind: 'signed-out' } } });
      },

      async reconnectNow() {
        take(await api.connection.reconnectNow());
      },

      async loadRooms() {
        const rooms = take(await api.rooms.list());
        if (!rooms) return;
        set({ rooms: sortRooms(rooms), roomsLoaded: true });
        emit('rooms.loaded', { count: rooms.length });
        fetchOtrStates(rooms);
      },

      async openRoom(roomId) {
        const room = get().rooms.find((r) => r.id === roomId);
        fetchOtr(room);
        const show = (): void => {
          if (latestOpen === roomId) set({ activeRoomId: roomId, screen: 'chat', fingerprintRoomId: null });
        };
        latestOpen = roomId;
        if (!get().chats[roomId]?.loaded) {
          patchChat(roomId, {});
          // The room appears with its history in one frame when the page comes soon, as it does from main's memory;
          // a slow one shows the room with its loading line first. A later click wins.
          const switchAnyway = setTimeout(show, SHOW_LOADING_AFTER_MS);
          const page = take(await api.rooms.open(roomId));
          clearTimeout(switchAnyway);
          if (!page) {
            show();
            return;
          }
          // Events that arrived while the page was on its way are newer than the page: keep them.
          const arrived = get().chats[roomId]?.messages ?? [];
          const messages = arrived.reduce(upsertMessage, sortedPage(page.messages));
          patchChat(roomId, { messages, hasMore: page.hasMore, loaded: true });
          show();
          emit('room.opened', { roomId, count: messages.length, hasMore: page.hasMore });
        } else {
          show();
          // Back on screen: the main side turns the room's typing stream on again and delivers what it missed.
          void api.rooms.open(roomId);
        }
        if (room && room.unread > 0) void api.rooms.markRead(roomId);
      },

      async loadOlder(roomId) {
        const chat = get().chats[roomId];
        if (!chat?.loaded || !chat.hasMore || chat.loadingOlder) return;
        patchChat(roomId, { loadingOlder: true });
        const result = await api.rooms.loadOlder(roomId, oldestShown(chat.messages));
        const page = take(result);
        const current = get().chats[roomId];
        if (!current) return;
        if (!page) {
          patchChat(roomId, { loadingOlder: false });
          return;
        }
        patchChat(roomId, {
          messages: prependOlder(current.messages, page.messages),
          hasMore: page.hasMore,
          loadingOlder: false,
        });
        emit('history.loaded', { roomId, count: page.messages.length, hasMore: page.hasMore });
      },

      async send(roomId, text) {
        const result = await api.chat.send(roomId, text);
        if (!result.ok) {
          set({ problem: result.error });
          return false;
        }
        applyMessage(result.value);
        return true;
      },

      async retry(roomId, messageId) {
        const message = take(await api.chat.retry(roomId, messageId));
        if (message) applyMessage(message);
      },

      async discard(roomId, messageId) {
        const result = await api.chat.discard(roomId, messageId);
        if (take(result) === undefined) return;
        const chat = get().chats[roomId];
        if (chat) patchChat(roomId, { messages: removeMessage(chat.messages, messageId) });
      },

      setTyping(roomId, typing) {
        void api.chat.setTyping(roomId, typing);
      },

      async runOtr(roomId, call) {
        const view = take(await call(api.otr));
        if (!view) return false;
        if (view.roomId === roomId) applyOtr(view);
        return true;
      },

      async startDirect(username) {
        const room = take(await api.rooms.startDirect(username));
        if (!room) return;
        if (!get().rooms.some((r) => r.id === room.id)) set({ rooms: sortRooms([room, ...get().rooms]) });
        await get().openRoom(room.id);
      },

      async saveSettings(patch) {
        const settings = take(await api.settings.set(patch));
        if (!settings) return false;
        set({ settings });
        emit('settings.changed', { language: settings.language });
        return true;
      },

      async saveAccountSettings(patch) {
        const accountSettings = take(await api.accountSettings.set(patch));
        if (!accountSettings) return false;
        set({ accountSettings });
        return true;
      },

      showScreen(screen) {
        set({ screen, fingerprintRoomId: null });
      },

      openFingerprints(roomId) {
        set({ fingerprintRoomId: roomId });
      },

      showProblem(error) {
        set({ problem: error });
      },

      setOnScreen(onScreen) {
        set({ onScreen });
        markSeen(get().rooms);
      },
    };

    function handleLogin(result: Result<LoginOutcome>): void {
      if (!result.ok) {
        set({ login: { ...get().login, busy: false, error: result.error } });
        emit('login.outcome', { kind: 'error', code: result.error.code });
        return;
      }
      const outcome = result.value;
      emit('login.outcome', { kind: outcome.kind });
      if (outcome.kind === 'totp-required') {
        set({ login: { step: 'totp', busy: false, error: null, totpMethod: outcome.method } });
        return;
      }
      set({ login: { step: 'credentials', busy: false, error: null } });
      applySession(outcome.session);
    }
  });
}
