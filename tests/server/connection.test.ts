import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { startServer, type LocalServer } from '../../server/index.js';
import { TestDdp } from './ddp-client.js';

let server: LocalServer;
const clients: TestDdp[] = [];
const open = async (options?: { connect?: boolean }): Promise<TestDdp> => {
  const client = await TestDdp.open(server.url, options);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  server = await startServer({ seed: 'demo', pingIntervalMs: 500 });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

describe('DDP handshake and heartbeat', () => {
  it('greets with server_id, then connects with a session id', async () => {
    const client = await open({ connect: false });
    expect(client.frames[0]).toEqual({ server_id: '0' });
    client.send({ msg: 'connect', version: '1', support: ['1', 'pre2', 'pre1'] });
    const connected = await client.waitFor((f) => f.msg === 'connected');
    expect(typeof connected.session).toBe('string');
  });

  it('answers an unsupported version with failed and closes', async () => {
    const client = await open({ connect: false });
    client.send({ msg: 'connect', version: '42', support: ['42'] });
    expect(await client.waitFor((f) => f.msg === 'failed')).toEqual({ msg: 'failed', version: '1' });
    expect((await client.closed).code).toBe(1002);
  });

  it('refuses other frames before connect', async () => {
    const client = await open({ connect: false });
    client.send({ msg: 'method', id: '1', method: 'rooms/get', params: [] });
    const error = await client.waitFor((f) => f.msg === 'error');
    expect(error.reason).toBe('Must connect first');
  });

  it('echoes the id of a ping in its pong', async () => {
    const client = await open();
    const from = client.mark();
    client.send({ msg: 'ping', id: 'abc' });
    expect(await client.waitFor((f) => f.msg === 'pong', from)).toEqual({ msg: 'pong', id: 'abc' });
    client.send({ msg: 'ping' });
    expect(await client.waitFor((f) => f.msg === 'pong' && !('id' in f), from)).toEqual({ msg: 'pong' });
  });

  it('pings an idle connection and keeps it while it answers', async () => {
    const client = await open();
    await client.waitFor((f) => f.msg === 'ping');
    const from = client.mark();
    await client.waitFor((f) => f.msg === 'ping', from);
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('drops a connection that does not answer its ping', async () => {
    const client = await open();
    client.answerPings = false;
    await client.waitFor((f) => f.msg === 'ping');
    expect((await client.closed).code).toBe(1006);
  });
});

describe('robustness', () => {
  it('survives 1 000 malformed frames of mixed kinds, then serves a normal session', async () => {
    const client = await open();
    const kinds: (() => string)[] = [
      () => '{not json',
      () => 'null',
      () => '42',
      () => '"text"',
      () => '[1,2,3]',
      () => JSON.stringify({ msg: 'bogus' }),
      () => JSON.stringify({ nomsg: true }),
      () => JSON.stringify({ msg: 'method', id: 7, method: 'login' }),
      () => JSON.stringify({ msg: 'method', id: 'x', method: 'sendMessage', params: 'not-an-array' }),
      () => JSON.stringify({ msg: 'method', id: 'y', method: 'sendMessage', params: [{ rid: 5 }] }),
      () => JSON.stringify({ msg: 'method', id: 'z', method: 'loadHistory', params: [{ $date: 'x' }, null, 'ten'] }),
      () => JSON.stringify({ msg: 'sub', id: 1, name: 'stream-room-messages' }),
      () => JSON.stringify({ msg: 'sub', id: 's', name: 'stream-notify-user', params: [{}, 7] }),
      () => JSON.stringify({ msg: 'unsub' }),
      () => JSON.stringify({ msg: 'method', id: 'w', method: 'no-such-method', params: [] }),
      () => JSON.stringify({ msg: 'connect', version: '1', support: ['1'] }),
      () => '\u0000\u0001\u0002',
      () => JSON.stringify({ msg: 'method', id: 'v', method: 'createDirectMessage', params: [{ username: 'bob' }] }),
    ];
    for (let i = 0; i < 1000; i += 1) client.send(kinds[i % kinds.length]?.() ?? '');
    client.ws.send(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    await client.barrier();
    const errors = client.frames.filter((f) => f.msg === 'error').map((f) => f.reason as string);
    expect(new Set(errors)).toEqual(new Set(['Parse error', 'Bad request', 'Malformed method invocation', 'Malformed subscription', 'Already connected']));
    const results = client.frames.filter((f) => f.msg === 'result');
    expect(results.some((f) => f.error?.error === 404)).toBe(true);

    const fresh = await open();
    const { id } = await fresh.login('alice', 'demo');
    const rooms = await fresh.ok('rooms/get');
    expect(rooms.map((r: { name?: string }) => r.name)).toContain('general');
    expect(typeof id).toBe('string');
  });

  it('closes a socket that sends a frame over 1 MiB with 1009 and keeps serving others', async () => {
    const client = await open();
    client.send(JSON.stringify({ msg: 'method', id: 'big', method: 'sendMessage', params: [{ rid: 'x', msg: 'a'.repeat(1_100_000) }] }));
    expect((await client.closed).code).toBe(1009);
    const other = await open();
    await other.barrier();
  });

  it('answers wrong parameter types with 400 Match failed', async () => {
    const client = await open();
    await client.login('alice', 'demo');
    const outcome = await client.call('loadHistory', 123);
    expect(outcome.error).toEqual({
      isClientSafe: true, error: 400, reason: 'Match failed', message: 'Match failed [400]', errorType: 'Meteor.Error',
    });
  });

  it('answers an unknown method with 404 and sends updated after the result', async () => {
    const client = await open();
    const from = client.mark();
    client.send({ msg: 'method', id: 'q', method: 'doesNotExist', params: [] });
    const result = await client.waitFor((f) => f.msg === 'result', from);
    expect(result.error).toEqual({
      isClientSafe: true, error: 404, reason: "Method 'doesNotExist' not found",
      message: "Method 'doesNotExist' not found [404]", errorType: 'Meteor.Error',
    });
    await client.waitFor((f) => f.msg === 'updated' && f.methods[0] === 'q', from);
  });
});
