import { describe, expect, it, vi } from 'vitest';
import { DdpConnection, DdpMethodError } from '../../src/main/rocketchat/ddp-connection.js';
import { RcError } from '../../src/main/rocketchat/errors.js';
import type { SocketFactory } from '../../src/main/rocketchat/socket.js';
import { FakeDdpPeer, flush, ManualClock, NO_REPLY, PeerError, recordingLogger } from './helpers.js';

function setup() {
  const peer = new FakeDdpPeer();
  const clock = new ManualClock();
  const logger = recordingLogger();
  const events = { changed: [] as unknown[][], closed: [] as string[], lost: [] as string[] };
  const deps = { openSocket: peer.factory, clock, logger, connectTimeoutMs: 5000, callTimeoutMs: 1000, pingIdleMs: 3000, pingTimeoutMs: 2000 };
  const open = () => DdpConnection.open('ws://x/websocket', deps, {
    onChanged: (c, e, a) => events.changed.push([c, e, a]),
    onSubscriptionLost: (id) => events.lost.push(id),
    onClosed: (reason) => events.closed.push(reason),
  });
  return { peer, clock, logger, events, open };
}

const codeOf = (error: unknown) => (error instanceof RcError ? error.code : error instanceof DdpMethodError ? error.ddp.error : error);

describe('DdpConnection', () => {
  it('handshakes, answers calls with EJSON-decoded results and passes server errors on', async () => {
    const { peer, open } = setup();
    peer.methods.echo = ([value]) => ({ value, at: { $date: 42 } });
    peer.methods.fail = () => {
      throw new PeerError({ error: 'error-not-allowed', reason: 'Not allowed' });
    };
    const connection = await open();
    expect(peer.last.framesOf('connect')[0]).toEqual({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    await expect(connection.call('echo', [1])).resolves.toEqual({ value: 1, at: new Date(42) });
    await expect(connection.call('fail', []).catch(codeOf)).resolves.toBe('error-not-allowed');
  });

  it("keeps the sdk's 'Call error … too many requests' line off the warning log: it goes to debug", async () => {
    const { peer, open, logger } = setup();
    const debug: string[] = [];
    Object.assign(logger, { debug: (line: string) => debug.push(line) });
    peer.methods.busy = () => {
      throw new PeerError({ error: 'too-many-requests', reason: 'Error, too many requests. Please slow down.', details: { timeToReset: 500 } });
    };
    const connection = await open();
    await expect(connection.call('busy', []).catch(codeOf)).resolves.toBe('too-many-requests');
    expect(logger.lines.filter((line) => line.includes('Call error'))).toEqual([]);
    expect(debug.some((line) => line.includes('Call error'))).toBe(true);
  });

  it('rejects calls pending at a drop with disconnected, and later calls at once', async () => {
    const { peer, open, events } = setup();
    peer.methods.slow = () => NO_REPLY;
    const connection = await open();
    const pending = connection.call('slow', []).catch(codeOf);
    peer.last.drop();
    await expect(pending).resolves.toBe('disconnected');
    await expect(connection.call('slow', []).catch(codeOf)).resolves.toBe('disconnected');
    expect(events.closed).toEqual(['dropped']);
  });

  it('times out a call that gets no answer', async () => {
    const { peer, open, clock } = setup();
    peer.methods.slow = () => NO_REPLY;
    const connection = await open();
    const pending = connection.call('slow', []).catch(codeOf);
    await clock.advance(1000);
    await expect(pending).resolves.toBe('timeout');
    expect(connection.closed).toBe(false);
  });

  it('routes nosub to the waiting subscribe, and a later nosub to onSubscriptionLost', async () => {
    const { peer, open, events } = setup();
    peer.refuseSubs.set('stream-notify-user:x/otr', { error: 'not-allowed' });
    const connection = await open();
    await expect(connection.subscribe('stream-notify-user', 'x/otr').catch(codeOf)).resolves.toBe('not-allowed');
    const subId = await connection.subscribe('stream-room-messages', 'r1');
    peer.last.push({ msg: 'nosub', id: subId, error: { error: 'too-many-requests' } });
    expect(events.lost).toEqual([subId]);
  });

  it('answers server pings, pings when idle and closes a socket that stays silent', async () => {
    // The driver's idle ping runs on the global timers; our dead-socket check on the injected clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { peer, open, clock, events } = setup();
      await open();
      const socket = peer.last;
      socket.push({ msg: 'ping', id: 'abc' });
      expect(socket.framesOf('pong')).toEqual([{ msg: 'pong', id: 'abc' }]);
      peer.onFrame = () => undefined; // from now on the server is deaf and mute
      vi.advanceTimersByTime(3000);
      expect(socket.framesOf('ping')).toHaveLength(1);
      await clock.advance(4999);
      expect(events.closed).toEqual([]);
      await clock.advance(1);
      expect(events.closed).toEqual(['no answer to ping']);
      expect(socket.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips frames that are not JSON or not DDP and keeps working', async () => {
    const { peer, open, logger, events } = setup();
    peer.methods.ok = () => 'yes';
    const connection = await open();
    peer.last.push('{"msg":"changed", this is not JSON');
    peer.last.push({ msg: 'changed', collection: 5 });
    peer.last.push({ msg: 'changed', collection: 'stream-room-messages', id: 'id', fields: { eventName: 'r1', args: [1] } });
    await expect(connection.call('ok', [])).resolves.toBe('yes');
    expect(logger.lines.filter((l) => l.includes('not JSON'))).toHaveLength(1);
    expect(logger.lines.filter((l) => l.includes('malformed DDP frame'))).toHaveLength(1);
    expect(events.changed).toEqual([['stream-room-messages', 'r1', [1]]]);
  });

  it("opens exactly the endpoint it was given, TLS and sub-path included (the sdk rebuilds the URL from a host)", async () => {
    const { peer, clock, logger } = setup();
    const urls: string[] = [];
    const deps = { openSocket: ((url, handlers) => {
      urls.push(url);
      return peer.factory(url, handlers);
    }) satisfies SocketFactory, clock, logger, connectTimeoutMs: 5000, callTimeoutMs: 1000, pingIdleMs: 3000, pingTimeoutMs: 2000 };
    const events = { onChanged: () => undefined, onSubscriptionLost: () => undefined, onClosed: () => undefined };
    for (const url of ['wss://chat.example.org/websocket', 'wss://example.org/chat/websocket', 'ws://127.0.0.1:3000/websocket']) {
      (await DdpConnection.open(url, deps, events)).close('done');
    }
    expect(urls).toEqual(['wss://chat.example.org/websocket', 'wss://example.org/chat/websocket', 'ws://127.0.0.1:3000/websocket']);
  });

  it('drops the socket when closed before the driver got round to opening it', async () => {
    const { peer, clock, logger } = setup();
    const deps = { openSocket: peer.factory, clock, logger, connectTimeoutMs: 5, callTimeoutMs: 1000, pingIdleMs: 3000, pingTimeoutMs: 2000 };
    const opening = DdpConnection.open('ws://x/websocket', deps, { onChanged: () => undefined, onSubscriptionLost: () => undefined, onClosed: () => undefined }).catch(codeOf);
    expect(peer.sockets).toHaveLength(0);
    await clock.advance(5); // the connect timeout fires before the driver has made its socket
    await expect(opening).resolves.toBe('timeout');
    await flush();
    expect(peer.sockets.length).toBeGreaterThan(0);
    expect(peer.sockets.every((socket) => socket.closed)).toBe(true);
  });

  it('fails to open with server-unreachable when the socket cannot connect', async () => {
    const { peer, open } = setup();
    peer.reachable = false;
    await expect(open().catch(codeOf)).resolves.toBe('server-unreachable');
    await flush();
  });
});
