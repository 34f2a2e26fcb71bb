// The whole client against a scripted DDP peer and a manual clock: backoff, fatal token refusal, rate-limited
// login, and records that do not pass validation.
import { describe, expect, it } from 'vitest';
import { createRocketChatClient } from '../../src/main/rocketchat/client.js';
import type { ConnectionState, Room } from '../../src/contract/model.js';
import { FakeDdpPeer, flush, ManualClock, memorySecrets, PeerError, recordingLogger, type Frame } from './helpers.js';

const ME = 'uAlice';
const DM = 'uAliceuBob';

function fakeFetch(): typeof fetch {
  return (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = url.endsWith('/api/info') ? { version: '7.4.0', success: true }
      : url.endsWith('/api/v1/me') ? { _id: ME, username: 'alice', name: 'Alice', success: true } : undefined;
    return Promise.resolve(new Response(JSON.stringify(body ?? { success: false }), { status: body ? 200 : 404 }));
  };
}

const subscription = (rid: string, t: string, name: string, extra: Frame = {}) => ({ _id: `s-${rid}`, rid, t, name, unread: 0, _updatedAt: { $date: 1 }, ...extra });

function setup() {
  const peer = new FakeDdpPeer();
  const clock = new ManualClock();
  const logger = recordingLogger();
  const secrets = memorySecrets();
  let acceptToken = true;
  peer.methods.login = ([request]) => {
    if (request.resume && !acceptToken) throw new PeerError({ error: 403, reason: "You've been logged out by the server. Please log in again." });
    if (request.user?.username === 'limited') throw new PeerError({ error: 'too-many-requests', details: { timeToReset: 7000 } });
    return { id: ME, token: 'tok', tokenExpires: { $date: 9e12 }, type: request.resume ? 'resume' : 'password' };
  };
  peer.methods['subscriptions/get'] = () => [
    subscription(DM, 'd', 'bob', { fname: 'Bob' }),
    subscription('general', 'c', 'general'),
    { rid: 'broken', t: 'c', name: 42, secretText: 'do not log me' },
  ];
  peer.methods['rooms/get'] = () => [{ _id: DM, t: 'd', uids: [ME, 'uBob'], _updatedAt: { $date: 1 } }];
  peer.methods['public-settings/get'] = () => [{ _id: 'Message_MaxAllowedSize', value: 1200 }];
  peer.methods.getUsersOfRoom = () => ({ total: 2, records: [{ _id: 'uBob', username: 'bob', status: 'away' }] });
  const states: ConnectionState[] = [];
  const client = createRocketChatClient({
    secrets, logger, clock, random: () => 0.999999, fetch: fakeFetch(), openSocket: peer.factory,
    options: { backoff: { baseMs: 1000, capMs: 8000 }, pingIdleMs: 60_000, typingExpiryMs: 5000 },
  });
  client.onState((state) => states.push(state));
  return { peer, clock, logger, secrets, client, states, refuseToken: () => { acceptToken = false; } };
}

const signIn = (t: ReturnType<typeof setup>) => t.client.login({ serverUrl: 'chat.example.org', user: 'alice', password: 'pw' });

describe('client against a scripted peer', () => {
  it('lists rooms with unread and DM peer presence, reads the size limit, and skips a malformed record quietly', async () => {
    const t = setup();
    const outcome = await signIn(t);
    expect(outcome.kind).toBe('signed-in');
    expect(t.client.rooms().map((r: Room) => r.id).sort()).toEqual([DM, 'general'].sort());
    // Presence follows sign-in at the pace of the call budget.
    await flush();
    expect(t.client.rooms().find((r) => r.id === DM)?.peer).toEqual({ id: 'uBob', username: 'bob', name: 'Bob', presence: 'away' });
    expect(t.client.maxMessageSize).toBe(1200);
    expect(t.logger.lines.some((l) => l.includes('malformed subscription'))).toBe(true);
    expect(t.logger.lines.join('\n')).not.toContain('do not log me');
    expect(await t.client.send(DM, 'x'.repeat(1201)).confirmed.catch((e: { code: string }) => e.code)).toBe('message-too-long');
  });

  it('delivers valid stream messages, skips malformed ones without logging their text, and updates presence and typing', async () => {
    const t = setup();
    await signIn(t);
    const got: string[] = [];
    const typing: string[][] = [];
    t.client.onMessage((_room, message) => got.push(message.text));
    t.client.onTyping((_room, names) => typing.push(names));
    const socket = t.peer.last;
    const push = (collection: string, eventName: string, args: unknown[]) =>
      socket.push({ msg: 'changed', collection, id: 'id', fields: { eventName, args } });
    push('stream-room-messages', DM, [{ _id: 'm1', rid: DM, msg: 'private words', ts: 'not a date', u: { _id: 'uBob', username: 'bob' } }]);
    push('stream-room-messages', DM, [{ _id: 'm2', rid: DM, msg: 'hello', ts: { $date: 5 }, u: { _id: 'uBob', username: 'bob' } }]);
    push('stream-notify-logged', 'user-status', [['uBob', 'bob', 3, '']]);
    push('stream-notify-room', `${DM}/user-activity`, ['bob', ['user-typing'], {}]);
    await flush();
    expect(got).toEqual(['hello']);
    expect(t.logger.lines.join('\n')).not.toContain('private words');
    expect(t.client.rooms().find((r) => r.id === DM)?.peer?.presence).toBe('busy');
    expect(typing).toEqual([['bob']]);
    await t.clock.advance(5000);
    expect(typing).toEqual([['bob'], []]);
  });

  it('says rate-limited, with the time to try again, when the server throttles sign-ins', async () => {
    const t = setup();
    const error = await t.client.login({ serverUrl: 'chat.example.org', user: 'limited', password: 'pw' })
      .catch((e: { info: unknown }) => e.info);
    expect(error).toEqual(expect.objectContaining({ code: 'rate-limited', retryAt: t.clock.now() + 7000 }));
  });

  it('backs off exponentially while the server is away, can be hurried with reconnectNow, and resets once back', async () => {
    const t = setup();
    await signIn(t);
    t.peer.reachable = false;
    const start = t.clock.now();
    t.peer.last.drop();
    await flush();
    expect(t.client.state()).toEqual({ kind: 'reconnecting', retryAt: start + 1000, attempt: 1 });
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const state = t.client.state();
      if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
      expect(state.attempt).toBe(attempt);
      waits.push(state.retryAt - t.clock.now());
      await t.clock.advance(state.retryAt - t.clock.now());
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    t.peer.reachable = true;
    t.client.reconnectNow();
    await flush();
    expect(t.client.state()).toEqual({ kind: 'online' });
    t.peer.last.drop();
    await flush();
    expect(t.client.state()).toEqual(expect.objectContaining({ kind: 'reconnecting', attempt: 1 }));
  });

  it('goes offline with not-signed-in and forgets the stored token when the server refuses it', async () => {
    const t = setup();
    await signIn(t);
    expect(t.secrets.data.has('rocketchat.session')).toBe(true);
    t.refuseToken();
    t.peer.last.drop();
    await flush();
    await t.clock.advance(1000);
    expect(t.client.state()).toEqual({ kind: 'offline', error: expect.objectContaining({ code: 'not-signed-in' }) });
    // The token is gone; only the server's address stays, so the sign-in form can offer it again.
    expect([...t.secrets.data.keys()]).toEqual(['rocketchat.last-server']);
    const attempts = t.peer.sockets.length;
    await t.clock.advance(60_000);
    expect(t.peer.sockets.length).toBe(attempts);
  });

  it('resume() with the stored token keeps trying while the server is down, and says so in its state', async () => {
    const t = setup();
    await signIn(t);
    await t.client.dispose();
    t.peer.reachable = false;
    const again = createRocketChatClient({ secrets: t.secrets, clock: t.clock, random: () => 0, fetch: fakeFetch(), openSocket: t.peer.factory, logger: t.logger });
    const outcome = await again.resume();
    expect(outcome?.kind === 'signed-in' && outcome.session.me?.username).toBe('alice');
    expect(again.state().kind).toBe('reconnecting');
    t.peer.reachable = true;
    await t.clock.advance(1000);
    expect(again.state()).toEqual({ kind: 'online' });
    await again.dispose();
  });
});
