// Builds tests/interop/libotr-peer.c against the system libotr and drives it line by line.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./libotr-peer.c', import.meta.url));

/** Compiles the peer into a temp dir; returns its path, or why it cannot be built here. */
export function buildPeer(): { path: string } | { skip: string } {
  if (!existsSync('/usr/include/libotr/proto.h')) return { skip: 'libotr headers missing (apt-get install libotr5-dev)' };
  const dir = mkdtempSync(join(tmpdir(), 'libotr-peer-'));
  const path = join(dir, 'libotr-peer');
  const cc = spawnSync('cc', ['-O1', '-o', path, SOURCE, '-lotr', '-lgcrypt'], { encoding: 'utf8' });
  if (cc.error) return { skip: `no C compiler (${cc.error.message})` };
  if (cc.status !== 0) return { skip: `libotr peer did not compile: ${cc.stderr.slice(0, 500)}` };
  return { path };
}

/**
 * Whether the interop suite runs. CI installs libotr and a compiler (.ci/run), so under CI=true a missing one is a
 * failure: a skipped suite there would hide that nothing was checked against libotr.
 */
export function interopVerdict(built: { path: string } | { skip: string }, env: Readonly<Record<string, string | undefined>>): 'run' | 'skip' | 'fail' {
  if ('path' in built) return 'run';
  return env.CI === 'true' ? 'fail' : 'skip';
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');
const unhex = (data: string): string => Buffer.from(data, 'hex').toString('utf8');

export type PeerLine = { kind: string; args: string[] };

/** One libotr peer process. Commands run one at a time; every output line is also recorded. */
export class LibotrPeer {
  readonly lines: PeerLine[] = [];
  fingerprint = '';
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly listeners = new Set<(line: PeerLine) => void>();
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(path: string) {
    this.child = spawn(path, [mkdtempSync(join(tmpdir(), 'libotr-home-'))]);
    createInterface({ input: this.child.stdout }).on('line', (raw) => {
      const [kind = '', ...args] = raw.split(' ');
      const line = { kind, args };
      this.lines.push(line);
      for (const listener of [...this.listeners]) listener(line);
    });
  }

  static async start(path: string): Promise<LibotrPeer> {
    const peer = new LibotrPeer(path);
    const ready = await peer.next((l) => l.kind === 'ready', 60_000);
    peer.fingerprint = ready.args[0]!;
    return peer;
  }

  /** Wire text libotr sends, decoded. */
  onWire(listener: (wire: string) => void): void {
    this.listeners.add((line) => {
      if (line.kind === 'wire') listener(unhex(line.args[0]!));
    });
  }

  next(match: (line: PeerLine) => boolean, timeoutMs = 30_000, from = this.lines.length): Promise<PeerLine> {
    const seen = this.lines.slice(from).find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error('libotr peer: timed out'));
      }, timeoutMs);
      const check = (line: PeerLine): void => {
        if (!match(line)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(line);
      };
      this.listeners.add(check);
    });
  }

  /** Sends one command; resolves when the peer has finished it. */
  command(...words: string[]): Promise<void> {
    const run = async (): Promise<void> => {
      const done = this.next((l) => l.kind === 'ok', 30_000);
      this.child.stdin.write(`${words.join(' ')}\n`);
      await done;
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  receive = (wire: string): Promise<void> => this.command('recv', hex(wire));
  send = (text: string): Promise<void> => this.command('send', hex(text));
  smp = (secret: string, question?: string): Promise<void> =>
    question === undefined ? this.command('smp', hex(secret)) : this.command('smp', hex(secret), hex(question));
  smpAnswer = (secret: string): Promise<void> => this.command('smpans', hex(secret));

  static text(line: PeerLine): string {
    return unhex(line.args[line.args.length - 1] ?? '');
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
