// Switches for tests and the demo, read from the environment: OTRDESK_IPC_AUDIT (log every IPC frame to a file,
// for the end-to-end audit) and OTRDESK_DEMO_LOGIN (sign in by itself, for `npm run demo`). Both are for a
// developer's checkout only: the installed app ignores them, so nothing in a user's environment can make it write
// its traffic to disk or sign in somewhere on its own. Pure, so the rule is tested without Electron.

export interface DemoLogin {
  serverUrl: string;
  user: string;
  password: string;
}

export interface DebugSwitches {
  /** Where to create the IPC audit. */
  auditFile?: string;
  /** Credentials to sign in with at start, one per server. */
  demoLogins?: DemoLogin[];
}

export const DEBUG_SWITCH_NAMES = ['OTRDESK_IPC_AUDIT', 'OTRDESK_DEMO_LOGIN'] as const;

/** The switches that apply: none when the app is packaged (installed), whatever the environment says. */
export function debugSwitches(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): DebugSwitches {
  if (isPackaged) return {};
  const switches: DebugSwitches = {};
  if (env.OTRDESK_IPC_AUDIT) switches.auditFile = env.OTRDESK_IPC_AUDIT;
  const logins = demoLogins(env.OTRDESK_DEMO_LOGIN);
  if (logins) switches.demoLogins = logins;
  return switches;
}

/** `npm run demo` signs each window in by itself: {"serverUrl","user","password"} as JSON, or a list of them. */
function demoLogins(raw: string | undefined): DemoLogin[] | undefined {
  if (!raw) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const logins = (Array.isArray(value) ? value : [value]).map(demoLogin);
  return logins.length > 0 && logins.every((login) => login !== undefined) ? logins : undefined;
}

function demoLogin(value: unknown): DemoLogin | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { serverUrl, user, password } = value as Partial<Record<keyof DemoLogin, unknown>>;
  return typeof serverUrl === 'string' && typeof user === 'string' && typeof password === 'string'
    ? { serverUrl, user, password }
    : undefined;
}
