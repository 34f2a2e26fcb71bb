// The shape of the renderer store (one per account): what the screens read and the actions they call.
import type { Api } from '../../../contract/api.js';
import type { CallArgs, LoginRequest, Result } from '../../../contract/calls.js';
import type { AccountSettings, ErrorInfo, KeygenProgress, LoginOptions, Message, OtrRoomView, Room, Session, Settings } from '../../../contract/model.js';
import type { Params, StringKey } from '../i18n/index.js';

export interface ChatState {
  messages: Message[];
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
}

export interface LoginState {
  step: 'credentials' | 'totp';
  busy: boolean;
  error: ErrorInfo | null;
  totpMethod?: string;
  /** The sign-in in progress runs in an SSO provider's window. */
  sso?: boolean;
  /** The sign-in in progress (or the one that just failed) used a personal access token; the token is never kept here. */
  personalAccessToken?: boolean;
  /** A server the user chose to add from a link: prefilled on the sign-in form. */
  suggestedServer?: string;
}

/** A personal access token sign-in: the server, the user's id and the token, as Rocket.Chat shows them. */
export type TokenLoginRequest = CallArgs<'auth.loginWithToken'>[0];

/** What the server at `address` offers at sign-in; `value` is null while it is being read, or when it cannot be. */
export interface LoginOptionsState {
  address: string;
  value: LoginOptions | null;
}

/** A line for the screen reader's live region; `seq` makes a repeat of the same words count. */
export interface Announcement {
  seq: number;
  key: StringKey;
  params?: Params;
}

export interface AppData {
  booted: boolean;
  session: Session;
  login: LoginState;
  /** Read from the server as soon as its address is known, before anyone signs in. */
  loginOptions: LoginOptionsState | null;
  rooms: Room[];
  roomsLoaded: boolean;
  activeRoomId: string | null;
  chats: Record<string, ChatState>;
  typing: Record<string, string[]>;
  otr: Record<string, OtrRoomView>;
  settings: Settings | null;
  /** This account's own settings (its server's): OTR request timeout, Rocket.Chat's own OTR. */
  accountSettings: AccountSettings | null;
  keygen: KeygenProgress['phase'] | null;
  screen: 'chat' | 'settings';
  fingerprintRoomId: string | null;
  problem: ErrorInfo | null;
  announcement: Announcement | null;
  /** When a lost connection came back (epoch ms): the banner says so for a few seconds. */
  restoredAt: number | null;
  /** False while another server is on screen: then nothing of this account counts as seen. */
  onScreen: boolean;
}

export type OtrCall = (otr: Api['otr']) => Promise<Result<OtrRoomView>>;

export interface AppActions {
  /** Subscribes to api events and loads the first state; returns the unsubscribe. */
  start: () => () => void;
  signIn: (request: LoginRequest) => Promise<void>;
  submitTotp: (code: string) => Promise<void>;
  /** Reads what the server at this address offers (LDAP, the password form, SSO); a newer address wins. */
  readLoginOptions: (address: string) => Promise<void>;
  /** Signs in with a personal access token (My Account → Personal Access Tokens), which signing out keeps. */
  signInWithToken: (request: TokenLoginRequest) => Promise<void>;
  /** Signs in through one of the server's SSO services (its page opens in a window of its own). */
  signInWithSso: (serverUrl: string, serviceId: string) => Promise<void>;
  backToCredentials: () => void;
  /** Gives up "Signing in…": the form is back at once, and the late answer is ignored. */
  cancelSignIn: () => void;
  signOut: () => Promise<void>;
  reconnectNow: () => Promise<void>;
  loadRooms: () => Promise<void>;
  openRoom: (roomId: string) => Promise<void>;
  loadOlder: (roomId: string) => Promise<void>;
  send: (roomId: string, text: string) => Promise<boolean>;
  retry: (roomId: string, messageId: string) => Promise<void>;
  discard: (roomId: string, messageId: string) => Promise<void>;
  setTyping: (roomId: string, typing: boolean) => void;
  /** Runs one OTR call for a room and stores the view it returns; false (and a problem shown) on failure. */
  runOtr: (roomId: string, call: OtrCall) => Promise<boolean>;
  startDirect: (username: string) => Promise<void>;
  saveSettings: (patch: Partial<Settings>) => Promise<boolean>;
  saveAccountSettings: (patch: Partial<AccountSettings>) => Promise<boolean>;
  showScreen: (screen: AppData['screen']) => void;
  openFingerprints: (roomId: string | null) => void;
  showProblem: (error: ErrorInfo | null) => void;
  setOnScreen: (onScreen: boolean) => void;
}

export type AppState = AppData & AppActions;

const signedOut: Session = { connection: { kind: 'signed-out' } };

export function initialData(): AppData {
  return {
    booted: false,
    session: signedOut,
    login: { step: 'credentials', busy: false, error: null },
    loginOptions: null,
    rooms: [],
    roomsLoaded: false,
    activeRoomId: null,
    chats: {},
    typing: {},
    otr: {},
    settings: null,
    accountSettings: null,
    keygen: null,
    screen: 'chat',
    fingerprintRoomId: null,
    problem: null,
    announcement: null,
    restoredAt: null,
    onScreen: true,
  };
}

const ACCOUNT_KEYS = ['rooms', 'roomsLoaded', 'activeRoomId', 'chats', 'typing', 'otr', 'screen', 'fingerprintRoomId'] as const;

/** What is dropped when the user signs out (back to its initial value): nothing of the last account stays on screen. */
export function accountData(): Partial<AppData> {
  const initial = initialData();
  return Object.fromEntries(ACCOUNT_KEYS.map((key) => [key, initial[key]])) as Partial<AppData>;
}
