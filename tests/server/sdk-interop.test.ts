import { createRequire } from 'node:module';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startServer, type LocalServer } from '../../server/index.js';
import type { ParsedJson } from './ddp-client.js';

// The official (alpha) Rocket.Chat SDK's DDP driver, as a second client written by someone else.
const require = createRequire(import.meta.url);
const { DDPDriver } = require('@rocket.chat/sdk/lib/drivers/ddp') as {
  DDPDriver: new (options: object) => {
    connect(): Promise<unknown>;
    login(credentials: { username: string; password: string }): Promise<{ id: string }>;
    methodCall(method: string, ...params: unknown[]): Promise<ParsedJson>;
    subscribe(topic: string, eventName: string): Promise<unknown>;
    onStreamData(collection: string, callback: (frame: { fields: { eventName: string; args: ParsedJson[] } }) => void): void;
    disconnect(): Promise<unknown>;
  };
};

let server: LocalServer;
beforeAll(async () => {
  server = await startServer({ seed: 'demo' });
});
afterAll(async () => server.close());

describe('@rocket.chat/sdk against the local server', () => {
  it('connects, logs in with a password digest, subscribes and receives a message it sent', async () => {
    const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const driver = new DDPDriver({ host: `127.0.0.1:${server.port}`, useSsl: false, timeout: 20_000, logger: quiet });
    await driver.connect();
    const { id } = await driver.login({ username: 'alice', password: 'demo' });
    expect(id).toBe(server.users().find((u) => u.username === 'alice')?._id);
    const { rid } = await driver.methodCall('createDirectMessage', 'bob');
    await driver.subscribe('stream-room-messages', rid);
    const received = new Promise<ParsedJson>((resolve) => {
      driver.onStreamData('stream-room-messages', (frame) => {
        if (frame.fields.eventName === rid) resolve(frame.fields.args[0]);
      });
    });
    const sent = await driver.methodCall('sendMessage', { rid, msg: 'through the SDK' });
    expect((await received)._id).toBe(sent._id);
    await driver.disconnect();
  });
});
