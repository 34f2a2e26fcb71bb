import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyLoginError, passwordLogin } from '../../src/main/rocketchat/auth.js';
import { backoffDelay } from '../../src/main/rocketchat/backoff.js';
import { fromEjson, parseEjsonFrame, stringifyEjson } from '../../src/main/rocketchat/ejson.js';
import { fromDdpError } from '../../src/main/rocketchat/errors.js';
import { isMessageId, newMessageId } from '../../src/main/rocketchat/message-id.js';

describe('EJSON', () => {
  it('decodes dates and bytes anywhere in a frame and encodes them back', () => {
    const frame = parseEjsonFrame('{"msg":"result","id":"1","result":{"ts":{"$date":1000},"nested":[{"b":{"$binary":"AQI="}}]}}');
    expect(frame).toEqual({ msg: 'result', id: '1', result: { ts: new Date(1000), nested: [{ b: Uint8Array.from([1, 2]) }] } });
    expect(JSON.parse(stringifyEjson({ end: new Date(5), raw: { $date: 'not a date' } }))).toEqual({
      end: { $date: 5 }, raw: { $escape: { $date: 'not a date' } },
    });
    expect(fromEjson({ $escape: { $date: 7 } })).toEqual({ $date: 7 });
  });

  it('returns undefined for text that is not JSON', () => {
    expect(parseEjsonFrame('{"msg":"changed", this is not JSON')).toBeUndefined();
  });
});

describe('backoff', () => {
  it('grows exponentially from 0.5 s, never passes 30 s, and jitters within the upper half of each step', () => {
    const policy = { baseMs: 500, capMs: 30_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(250);
    expect(backoffDelay(1, policy, () => 0.999999)).toBe(500);
    expect(backoffDelay(4, policy, () => 0.999999)).toBe(4000);
    expect(backoffDelay(50, policy, () => 0.999999)).toBe(30_000);
    expect(backoffDelay(50, policy, () => 0)).toBe(15_000);
  });
});

describe('login requests', () => {
  it('sends the same SHA-256 digest as the @rocket.chat/sdk driver, by username or e-mail', () => {
    const require = createRequire(import.meta.url);
    const { Socket } = require('@rocket.chat/sdk/lib/drivers/ddp') as {
      Socket: new (options: object) => { loginParams(c: object): { password: { digest: string } } };
    };
    const sdk = new Socket({ host: 'localhost:1', logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const ours = passwordLogin('alice', 'pässword');
    expect(ours.password.digest).toBe(sdk.loginParams({ username: 'alice', password: 'pässword' }).password.digest);
    expect(ours.user).toEqual({ username: 'alice' });
    expect(passwordLogin(' alice@example.org ', 'x').user).toEqual({ email: 'alice@example.org' });
  });

  it('tells wrong credentials, a second factor, a bad code and a rate limit apart', () => {
    const now = 1000;
    expect(classifyLoginError({ error: 401, reason: 'User not found' }, now)).toEqual({ kind: 'error', error: expect.objectContaining({ code: 'wrong-credentials' }) });
    expect(classifyLoginError({ error: 403, reason: 'Incorrect password' }, now).kind).toBe('error');
    expect(classifyLoginError({ error: 'totp-required', details: { method: 'totp' } }, now)).toEqual({ kind: 'totp-required', method: 'totp' });
    const invalid = classifyLoginError({ error: 'totp-invalid', reason: 'TOTP Invalid' }, now);
    expect(invalid.kind === 'error' && invalid.error.code).toBe('totp-invalid');
    const limited = classifyLoginError({ error: 'too-many-requests', details: { timeToReset: 4000 } }, now);
    expect(limited.kind === 'error' && limited.error.info).toEqual(expect.objectContaining({ code: 'rate-limited', retryAt: 5000 }));
  });
});

describe('method errors', () => {
  it('maps server errors to contract codes, with retryAt for rate limits (from details or the text)', () => {
    expect(fromDdpError({ error: 'error-message-size-exceeded' }, 0).code).toBe('message-too-long');
    expect(fromDdpError({ error: 'error-not-allowed' }, 0).code).toBe('not-allowed');
    expect(fromDdpError({ error: 'too-many-requests', reason: 'You must wait 3 seconds before trying again.' }, 10).info.retryAt).toBe(3010);
    expect(fromDdpError({ error: 'something-new', reason: 'why' }, 0).info).toEqual({ code: 'internal', detail: 'why' });
  });
});

describe('message ids', () => {
  it('are 17 Meteor characters and do not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, newMessageId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(isMessageId(id)).toBe(true);
    expect(isMessageId('short')).toBe(false);
  });
});
