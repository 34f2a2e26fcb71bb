// A DM with a Pidgin user: our room sessions (consent flow, worker engine) against libotr 4.x with pidgin-otr's
// default policy, which tags plain messages with whitespace and answers every OTR error with a new request.
// Skips (saying why) when libotr's headers or a C compiler are missing, like libotr.test.ts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingVerdict, OtrEngine } from '../../src/otr/ports.js';
import { createWorkerEngine } from '../../src/otr/engine/index.js';
import { RoomSessions } from '../../src/otr/rooms/room-sessions.js';
import { alice } from '../otr-engine/helpers.js';
import { FakeClock, MemoryTrust, RecordingListener } from '../otr-flow/fakes/world.js';
import { until } from '../until.js';
import { buildPeer, LibotrPeer } from './libotr-peer.js';

const built = buildPeer();
if ('skip' in built) console.warn(`libotr room tests skipped: ${built.skip}`);
const ROOM = 'dm-pidgin';

describe.skipIf('skip' in built)('a DM with a libotr peer on Pidgin\'s default policy', () => {
  let engine: OtrEngine;
  let peer: LibotrPeer;
  let sessions: RoomSessions;
  let listener: RecordingListener;
  let sent: string[];
  let verdicts: IncomingVerdict[];

  beforeAll(async () => {
    engine = createWorkerEngine();
    await engine.useIdentity(alice);
  });
  afterAll(async () => {
    await engine?.dispose();
  });

  beforeEach(async () => {
    if ('skip' in built) return;
    peer = await LibotrPeer.start(built.path);
    await peer.command('policy', 'default');
    listener = new RecordingListener();
    sent = [];
    verdicts = [];
    sessions = new RoomSessions({
      engine,
      transport: {
        sendWire: (_roomId, wire) => {
          sent.push(wire);
          void peer.receive(wire);
          return Promise.resolve({ messageId: `ours-${sent.length}` });
        },
      },
      trust: new MemoryTrust(new FakeClock()),
      listener,
      me: { id: 'alice-id', username: 'alice' },
      ownFingerprint: alice.fingerprint,
      options: { fragmentSize: 0 },
    });
    sessions.registerRoom({ roomId: ROOM, peer: { id: 'libotr-id', username: 'libotr' } });
    peer.onWire((wire) => {
      verdicts.push(sessions.incoming(ROOM, { id: `theirs-${verdicts.length}`, text: wire, ts: Date.now(), fromMe: false, live: true }));
    });
  });
  afterEach(() => {
    sessions?.dispose();
    peer?.stop();
  });

  async function askedAndDeclined(): Promise<void> {
    await peer.command('query');
    await until(() => sessions.view(ROOM).phase === 'incoming', 'the request dialog');
    expect(sessions.decline(ROOM)).toMatchObject({ ok: true, value: { phase: 'idle' } });
  }

  it('our No reaches the Pidgin user as the sentence alone, not as raw "?OTR Error:" text', async () => {
    const from = peer.lines.length;
    await askedAndDeclined();
    // An OTR error libotr recognises is an event with its words; one it does not is shown as a chat message.
    const shown = await peer.next((l) => (l.kind === 'msgevent' && l.args.length > 1) || l.kind === 'msg', 10_000, from);
    expect({ kind: shown.kind, text: LibotrPeer.text(shown) }).toEqual({ kind: 'msgevent', text: 'The Off-the-Record chat request was declined.' });
  });

  it('libotr answers our No with a new request: no dialog again, one line, and Start from it goes private', async () => {
    await askedAndDeclined();
    // libotr's answer to the error is a new query, which must not reopen the dialog.
    await until(() => verdicts.length === 2, "libotr's new request");
    await until(() => listener.notices.includes('otr-asked-again'), 'the asked-again line');
    expect(listener.notices).toEqual(['otr-request-declined', 'otr-asked-again']);
    expect(sessions.view(ROOM).phase).toBe('idle');
    expect(listener.views.filter((v) => v.phase === 'incoming')).toHaveLength(1);
    expect(sent).toHaveLength(1);

    expect(sessions.start(ROOM)).toMatchObject({ ok: true, value: { phase: 'handshaking' } });
    await until(() => sessions.view(ROOM).phase === 'private', 'private with libotr');
    expect(sessions.view(ROOM).peerFingerprint).toBe(peer.fingerprint);
  });

  it('a plain message with a whitespace tag is shown without the tag, and starts nothing', async () => {
    await peer.send('hello from pidgin');
    await until(() => verdicts.length === 1, 'the tagged message');
    expect(peer.lines.some((l) => l.kind === 'wire' && LibotrPeer.text(l).startsWith('hello from pidgin \t  \t\t\t\t'))).toBe(true);
    expect(verdicts).toEqual([{ kind: 'plain', text: 'hello from pidgin' }]);
    expect(sessions.view(ROOM).phase).toBe('idle');
    expect(sent).toEqual([]);
  });
});
