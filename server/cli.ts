import { startServer, type ServerOptions } from './index.js';

function parseArgs(argv: string[]): ServerOptions {
  const options: ServerOptions = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    const need = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i += 1;
      return value;
    };
    switch (flag) {
      case '--port': options.port = Number(need()); break;
      case '--seed': {
        const seed = need();
        if (seed !== 'demo' && seed !== 'none') throw new Error('--seed is demo or none');
        options.seed = seed;
        break;
      }
      case '--rooms': options.seedRooms = Number(need()); break;
      case '--showcase': options.seedShowcase = true; break;
      case '--data': options.dataFile = need(); break;
      case '--version': options.version = need(); break;
      case '--otr-enable': {
        const value = need();
        if (value !== 'true' && value !== 'false') throw new Error('--otr-enable is true or false');
        options.otrEnable = value === 'true';
        break;
      }
      case '--max-message-size': options.maxMessageSize = Number(need()); break;
      case '--show-deleted-status': options.showDeletedStatus = true; break;
      case '--max-file-size': options.maxFileSize = Number(need()); break;
      case '--no-rate-limits': options.rateLimits = { enabled: false }; break;
      case '--ldap': options.ldap = true; break;
      case '--email-verification': options.emailVerification = true; break;
      case '--tls': options.tlsDir = need(); break;
      case '--2fa': {
        const value = need();
        if (value !== 'email' && value !== 'off') throw new Error('--2fa is email or off');
        options.twoFactor = value;
        break;
      }
      case '--sso': {
        const kind = need();
        if (kind !== 'saml' && kind !== 'oauth' && kind !== 'cas') throw new Error('--sso is saml, oauth or cas');
        options.sso = [...(options.sso ?? []), kind];
        break;
      }
      case '--deployment': {
        const deployment = need();
        if (deployment !== 'monolith' && deployment !== 'microservice') throw new Error('--deployment is monolith or microservice');
        options.deployment = deployment;
        break;
      }
      default: throw new Error(`Unknown argument: ${flag}`);
    }
  }
  // The server's "mail": e-mail 2FA is on by default, so the codes are always printed.
  options.onEmailCode = (username, code) => console.log(`e-mail code for ${username}: ${code}`);
  if (options.seedRooms !== undefined && (!Number.isInteger(options.seedRooms) || options.seedRooms < 0)) throw new Error('--rooms must be a number');
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 0)) throw new Error('--port must be a number');
  return options;
}

async function main(): Promise<void> {
  const server = await startServer(parseArgs(process.argv.slice(2)));
  console.log(`listening on ${server.url}`);
  const tls = server.tls;
  if (tls) {
    console.log(`test CA certificate: ${tls.caFile} (SHA-256 ${tls.caFingerprint})`);
    console.log(`server certificate SHA-256 ${tls.certificateFingerprint()}; kill -HUP ${process.pid} issues a new one`);
    process.on('SIGHUP', () => console.log(`new server certificate SHA-256 ${tls.reissueCertificate()}`));
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0), (err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
