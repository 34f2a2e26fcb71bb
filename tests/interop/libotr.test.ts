// Interoperability with libotr 4.x, the C library behind Pidgin and most OTR clients: our worker
// engine against an independent, spec-compliant implementation. Skips (saying why) when libotr's
// headers or a C compiler are missing; under CI=true (where .ci/run installs libotr5-dev) it fails instead.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import otr from 'otr';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import type { OtrEngine } from '../../src/otr/ports.js';
import { isFragment } from '../../src/otr/wire.js';
import { alice } from '../otr-engine/helpers.js';
import { Recorder, isType } from '../otr-engine/helpers.js';
import { buildPeer, interopVerdict, LibotrPeer } from './libotr-peer.js';

const built = buildPeer();
const verdict = interopVerdict(built, process.env);
if ('skip' in built && verdict === 'skip') console.warn(`libotr interop tests skipped: ${built.skip}`);
if ('skip' in built && verdict === 'fail') {
  it('has libotr and a C compiler, as CI must', () => {
    expect.fail(`CI=true, but the libotr peer cannot be built: ${built.skip}`);
  });
}
const AKES = 200;

describe.skipIf('skip' in built)('interop with libotr', () => {
  let engine: OtrEngine;
  let rec: Recorder;
  let peer: LibotrPeer;

  beforeAll(async () => {
    if ('skip' in built) return;
    engine = createWorkerEngine();
    rec = new Recorder(engine);
    await engine.useIdentity(alice);
    peer = await LibotrPeer.start(built.path);
    // One libotr conversation; whichever engine session is open talks to it.
    let current = '';
    engine.onEvent((e) => {
      if (e.type === 'io' && e.sessionId === current) void peer.receive(e.wire);
    });
    peer.onWire((wire) => {
      if (current !== '') engine.receive(current, wire, null);
    });
    open = (id: string, fragmentSize = 0): void => {
      current = id;
      engine.openSession(id, { fragmentSize });
    };
  });
  afterAll(async () => {
    peer?.stop();
    await engine?.dispose();
  });
  let open: (id: string, fragmentSize?: number) => void;

  async function bothSecure(id: string, from: number, peerFrom: number): Promise<void> {
    const ours = await rec.waitFor(isType('secure', id), from, 10_000);
    const theirs = await peer.next((l) => l.kind === 'secure', 10_000, peerFrom);
    expect(ours.peerFingerprint).toBe(peer.fingerprint);
    expect(theirs.args[0]).toBe(alice.fingerprint);
  }

  it('runs the AKE and carries messages both ways (we ask, libotr sends the D-H Commit)', async () => {
    const from = rec.mark();
    const peerFrom = peer.lines.length;
    open('s1');
    engine.send('s1', 'hello libotr, from arlolra ✓', null);
    await bothSecure('s1', from, peerFrom);
    const got = await peer.next((l) => l.kind === 'msg', 10_000, peerFrom);
    expect(LibotrPeer.text(got)).toBe('hello libotr, from arlolra ✓');
    await peer.send('hello arlolra, from libotr ✓');
    expect(await rec.waitFor(isType('message', 's1'), from)).toMatchObject({ text: 'hello arlolra, from libotr ✓', encrypted: true });
  });

  it('verifies with SMP started by us, with a question', async () => {
    const from = rec.mark();
    const peerFrom = peer.lines.length;
    engine.smpStart('s1', 'the red door', 'Which door? 🚪');
    const asked = await peer.next((l) => l.kind === 'smp' && l.args[0] === 'question', 20_000, peerFrom);
    expect(LibotrPeer.text(asked)).toBe('Which door? 🚪');
    await peer.smpAnswer('the red door');
    expect(await rec.waitFor((e) => e.type === 'smp' && e.event === 'result', from, 20_000)).toMatchObject({ trusted: true, startedBy: 'me' });
    expect((await peer.next((l) => l.kind === 'smp' && l.args[0] !== 'question', 20_000, peerFrom)).args[0]).toBe('success');
  });

  it('verifies with SMP started by libotr', async () => {
    const from = rec.mark();
    const peerFrom = peer.lines.length;
    await peer.smp('shared secret', 'Our secret?');
    expect(await rec.waitFor(isType('smp', 's1'), from, 20_000)).toMatchObject({ event: 'question', question: 'Our secret?' });
    engine.smpAnswer('s1', 'shared secret');
    expect(await rec.waitFor((e) => e.type === 'smp' && e.event === 'result', from, 20_000)).toMatchObject({ trusted: true, startedBy: 'peer' });
    expect((await peer.next((l) => l.kind === 'smp', 20_000, peerFrom)).args[0]).toBe('success');
  });

  it('learns when libotr ends the conversation', async () => {
    const from = rec.mark();
    await peer.command('end');
    expect(await rec.waitFor(isType('ended', 's1'), from)).toMatchObject({ byPeer: true });
    engine.closeSession('s1');
  });

  it('works with fragments both ways (libotr asks, we send the D-H Commit)', async () => {
    await peer.command('forget');
    await peer.command('maxsize', '160');
    const from = rec.mark();
    const peerFrom = peer.lines.length;
    open('frag', 100);
    await peer.command('query');
    await bothSecure('frag', from, peerFrom);
    const long = 'fragmented ✓ '.repeat(40);
    engine.send('frag', long, null);
    expect(LibotrPeer.text(await peer.next((l) => l.kind === 'msg', 10_000, peerFrom))).toBe(long);
    await peer.send(long.toUpperCase());
    expect(await rec.waitFor(isType('message', 'frag'), from)).toMatchObject({ text: long.toUpperCase(), encrypted: true });
    expect(rec.of('io', 'frag', from).filter((e) => isFragment(e.wire)).length).toBeGreaterThan(3);
    engine.closeSession('frag');
    await peer.command('maxsize', '0');
  });

  it(`completes ${AKES} AKEs in a row, alternating who sends the D-H Commit, without a failure`, async () => {
    let ok = 0;
    const failures: number[] = [];
    for (let i = 0; i < AKES; i++) {
      await peer.command('forget');
      const id = `ake-${i}`;
      const from = rec.mark();
      const peerFrom = peer.lines.length;
      open(id);
      if (i % 2 === 0) engine.send(id, `ping ${i}`, null);
      else await peer.command('query');
      try {
        await bothSecure(id, from, peerFrom);
        ok++;
      } catch {
        failures.push(i);
      }
      engine.closeSession(id);
    }
    expect({ ok, failures }).toEqual({ ok: AKES, failures: [] });
  }, 600_000);
});

describe.skipIf('skip' in built)('interop with libotr: Bug A, r with leading zeros', () => {
  const require = createRequire(import.meta.url);
  const BigInt = require('otr/vendor/bigint.js') as { randBigInt: (bits: number, s?: number) => unknown; str2bigInt: (s: string, b: number) => unknown };
  const realRand = BigInt.randBigInt;
  afterAll(() => {
    BigInt.randBigInt = realRand;
  });

  it.each(['0', '00'])('libotr accepts our D-H Commit and Reveal Signature when r starts with %j', async (prefix) => {
    if ('skip' in built) return;
    const hexR = prefix + '9be1c2d3e4f5a6b7c8d9e0f1a2b3c4d5'.slice(prefix.length);
    BigInt.randBigInt = (bits: number, s?: number) => (bits === 128 ? BigInt.str2bigInt(hexR, 16) : realRand(bits, s));
    const peer = await LibotrPeer.start(built.path);
    try {
      const o = new otr.OTR({ priv: otr.DSA.parsePrivate(alice.packedKey), instance_tag: Buffer.from(alice.instanceTagHex, 'hex').toString('latin1') });
      o.ALLOW_V2 = false;
      o.on('io', (wire) => {
        void peer.receive(wire);
      });
      peer.onWire((wire) => {
        o.receiveMsg(wire);
      });
      await peer.command('query');
      expect((await peer.next((l) => l.kind === 'secure', 10_000)).args[0]).toBe(alice.fingerprint);
    } finally {
      peer.stop();
    }
  });
});
