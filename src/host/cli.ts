// `npm run host -- --port <n> [--profile <dir>] [--audit <file>]`: the app without Electron, in any browser.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../main/app-core.js';
import { startHost } from './host.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string' },
    audit: { type: 'string' },
    login: { type: 'string' },
    server: { type: 'string' },
  },
});

const rendererDir = resolve('out/renderer');
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first.');
  process.exit(1);
}

const profileDir = resolve(values.profile ?? '.tmp/host-profile');
const host = await startHost({
  port: Number(values.port),
  rendererDir,
  auditFile: values.audit,
  createCore: (emit) => createAppCore({ profileDir, emit, autoLogin: demoLogin(values.server, values.login) }),
});
// The one line callers wait for (e2e fixtures, the demo): where to point a browser.
process.stdout.write(`open ${host.url}\n`);

/** `--server <url> --login user:password`, used by `npm run demo -- --browser`. */
function demoLogin(serverUrl: string | undefined, login: string | undefined) {
  if (!serverUrl || !login) return undefined;
  const [user = '', password = ''] = login.split(':');
  return { serverUrl, user, password };
}

const stop = (): void => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
