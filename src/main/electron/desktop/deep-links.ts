// rocketchat:// deep links: a strict parser (anything unexpected is refused), a router that holds links until
// the app is ready and asks before adding a server it does not know, and the OS registration.
// Accepted: rocketchat://room?host=<host>&rid=<room id>
//           rocketchat://room?host=<host>&path=<direct|group|channel>/<name>

export const DEEP_LINK_SCHEME = 'rocketchat';

export type RoomPathKind = 'direct' | 'group' | 'channel';

export interface RoomLink {
  /** hostname[:port], lower case: what identifies the server. */
  host: string;
  /** Where to connect if the server is new: https unless the link names http explicitly. */
  serverUrl: string;
  target: { rid: string } | { kind: RoomPathKind; name: string };
}

const MAX_LINK_LENGTH = 2048;
const ROOM_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Rocket.Chat's default name rules for users and rooms; anything else is refused rather than guessed at. */
const ROOM_PATH = /^(direct|group|channel)\/([A-Za-z0-9._-]{1,64})$/;

/** Parses a rocketchat:// link; null for anything that is not exactly one of the accepted shapes. */
export function parseDeepLink(raw: string): RoomLink | null {
  if (raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.hostname !== 'room') return null;
  if ((url.pathname !== '' && url.pathname !== '/') || url.username || url.password || url.port) return null;
  const server = parseServer(url.searchParams.getAll('host'));
  const rids = url.searchParams.getAll('rid');
  const paths = url.searchParams.getAll('path');
  if (!server || rids.length + paths.length !== 1) return null;
  if (rids.length === 1) {
    const rid = rids[0] as string;
    return ROOM_ID.test(rid) ? { ...server, target: { rid } } : null;
  }
  const match = ROOM_PATH.exec(paths[0] as string);
  if (!match) return null;
  return { ...server, target: { kind: match[1] as RoomPathKind, name: match[2] as string } };
}

function parseServer(values: string[]): Pick<RoomLink, 'host' | 'serverUrl'> | null {
  if (values.length !== 1) return null;
  const value = values[0] as string;
  const withScheme = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  // A server is a bare origin: credentials, queries or fragments in a link are refused, not dropped.
  if (url.username || url.password || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/+$/, '');
  return { host: url.host, serverUrl: `${url.protocol}//${url.host}${path}` };
}

/** The deep link among a process's arguments (Windows and Linux pass it there), if any. */
export function deepLinkInArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`));
}

export type LinkOutcome = 'opened' | 'queued' | 'invalid' | 'declined';

export interface DeepLinkRouterOptions {
  /** True when `host` (hostname[:port]) is the server the user has added. */
  isKnownServer(host: string): boolean;
  /** Asks the user whether to add an unknown server; resolves true to go ahead. */
  confirmAddServer(serverUrl: string): Promise<boolean>;
  /** Opens the room: on a known server, or on a server the user just agreed to add ('added'). */
  open(link: RoomLink, server: 'known' | 'added'): void | Promise<void>;
}

export interface DeepLinkRouter {
  /** Takes a raw link from argv, open-url or second-instance. Before markReady() valid links wait in a queue. */
  handle(raw: string): Promise<LinkOutcome>;
  /** The window and the core exist now: open what has been waiting, in order. */
  markReady(): Promise<LinkOutcome[]>;
}

export function createDeepLinkRouter(options: DeepLinkRouterOptions): DeepLinkRouter {
  let ready = false;
  const waiting: RoomLink[] = [];

  const route = async (link: RoomLink): Promise<LinkOutcome> => {
    if (options.isKnownServer(link.host)) {
      await options.open(link, 'known');
      return 'opened';
    }
    if (!(await options.confirmAddServer(link.serverUrl))) return 'declined';
    await options.open(link, 'added');
    return 'opened';
  };

  return {
    async handle(raw) {
      const link = parseDeepLink(raw);
      if (!link) return 'invalid';
      if (!ready) {
        waiting.push(link);
        return 'queued';
      }
      return route(link);
    },
    async markReady() {
      ready = true;
      const outcomes: LinkOutcome[] = [];
      // One at a time: two links to unknown servers must not open two questions at once.
      for (let link = waiting.shift(); link; link = waiting.shift()) outcomes.push(await route(link));
      return outcomes;
    },
  };
}

/** The slice of Electron's app used to register as the rocketchat:// handler. */
export interface ProtocolApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

/**
 * Registers this app for rocketchat:// with the OS. Unpackaged (`electron .`), the OS must start Electron with
 * the app's path, so both are passed; packaged, the installer's registration (electron-builder protocols) and
 * this call agree.
 */
export function registerDeepLinkProtocol(
  app: ProtocolApp,
  proc: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
  resolvePath: (path: string) => string,
): boolean {
  const appPath = proc.argv[1];
  if (proc.defaultApp && appPath) {
    return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, proc.execPath, [resolvePath(appPath)]);
  }
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}

/** The slice of Electron's app that delivers links on macOS. */
export interface OpenUrlApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/**
 * macOS hands links over with 'open-url', also the one that launched the app: register this before
 * app 'ready' (e.g. at module load or in 'will-finish-launching') or that first link is lost.
 */
export function listenForOpenUrl(app: OpenUrlApp, router: DeepLinkRouter): void {
  app.on('open-url', (event, url) => {
    event.preventDefault();
    void router.handle(url);
  });
}
