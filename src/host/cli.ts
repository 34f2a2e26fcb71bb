// `npm run host -- --port <n> [--profile <dir>] [--audit <file>] [--renderer <dir>]`: the app without Electron, in any browser.
// The demo adds `--server <url> --login user:password`, once per server.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AccountRegistry } from '../main/accounts/registry.js';
import { startHost } from './host.js';
import { withNotifications } from './notifications.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    profile: { type: 'string' },
    audit: { type: 'string' },
    login: { type: 'string', multiple: true },
    server: { type: 'string', multiple: true },
    // The demo builds into its own folder, so two demos never rebuild each other's.
    renderer: { type: 'string', default: 'out/renderer' },
  },
});

const rendererDir = resolve(values.renderer);
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error('The renderer is not built yet: run `npm run build` first.');
  process.exit(1);
}

const profileDir = resolve(values.profile ?? '.tmp/host-profile');
const host = await startHost({
  port: Number(values.port),
  rendererDir,
  auditFile: values.audit,
  createCore: async (emit) => {
    // The sink needs the registry (rooms, servers, settings) and the registry needs the sink: read it at event time.
    const made: { registry?: AccountRegistry } = {};
    const registry = (made.registry = await AccountRegistry.open({
      profileDir,
      emit: withNotifications(emit, () => made.registry),
      autoLogin: demoLogins(values.server, values.login),
    }));
    return { targets: registry.targets, files: registry.files, dispose: () => registry.dispose() };
  },
});
// The one line callers wait for (e2e fixtures, the demo): where to point a browser.
process.stdout.write(`open ${host.url}\n`);

/** `--server <url> --login user:password` pairs, used by `npm run demo -- --browser`. */
function demoLogins(servers: string[] = [], logins: string[] = []) {
  return servers.flatMap((serverUrl, i) => {
    const [user = '', password = ''] = (logins[i] ?? '').split(':');
    return user && password ? [{ serverUrl, user, password }] : [];
  });
}

const stop = (): void => {
  void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
