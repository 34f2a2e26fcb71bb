import { describe, expect, it, vi } from 'vitest';
import type { AppHandlers, Handlers } from '../../src/contract/calls.js';
import { appOriginPolicy, createDispatcher, type CallTargets } from '../../src/main/ipc/dispatcher.js';

const APP = 'app://otrdesk';
const trusted = { isMainFrame: true, url: `${APP}/index.html` };
const ACCOUNT = 'acc0000001';

/** One account with these handlers, and app-level handlers. */
function targets(handlers: Handlers, app = {} as AppHandlers): CallTargets {
  return { app, account: (id) => (id === ACCOUNT ? handlers : undefined) };
}

function setup() {
  const start = vi.fn(async (roomId: string) => ({ ok: true as const, value: { roomId, phase: 'requesting' as const, queued: 0 } }));
  const handlers = { 'otr.start': start } as unknown as Handlers;
  const onReject = vi.fn();
  const dispatch = createDispatcher(targets(handlers), { isTrustedSender: appOriginPolicy([APP]), onReject });
  return { dispatch, start, onReject };
}

describe('IPC choke point', () => {
  it('passes a valid call from our own top frame to its handler with parsed arguments', async () => {
    const { dispatch, start } = setup();
    const result = await dispatch('otr.start', ['room-1'], trusted, ACCOUNT);
    expect(result).toEqual({ ok: true, value: { roomId: 'room-1', phase: 'requesting', queued: 0 } });
    expect(start).toHaveBeenCalledWith('room-1');
  });

  it('rejects a call name that is not in the contract', async () => {
    const { dispatch, start, onReject } = setup();
    const result = await dispatch('otr.exportPrivateKey', [], trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(onReject).toHaveBeenCalledWith('unknown-call', 'otr.exportPrivateKey');
    expect(start).not.toHaveBeenCalled();
  });

  it.each([
    ['a number instead of a room id', [42]],
    ['an empty room id', ['']],
    ['extra arguments', ['room-1', 'extra']],
    ['no argument list at all', 'room-1'],
    ['a prototype-polluting object', [{ __proto__: { admin: true } }]],
  ])('rejects off-schema arguments: %s', async (_label, args) => {
    const { dispatch, start, onReject } = setup();
    const result = await dispatch('otr.start', args, trusted, ACCOUNT);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(onReject).toHaveBeenCalledWith('invalid-arguments', 'otr.start');
    expect(start).not.toHaveBeenCalled();
  });

  it.each([
    ['a sub-frame of our page', { isMainFrame: false, url: `${APP}/index.html` }],
    ['a remote page', { isMainFrame: true, url: 'https://evil.example/' }],
    ['a file:// page', { isMainFrame: true, url: 'file:///tmp/x.html' }],
    ['a look-alike host', { isMainFrame: true, url: 'app://otrdesk.evil/index.html' }],
    ['an unparsable URL', { isMainFrame: true, url: '' }],
  ])('rejects a caller that is not our window top frame: %s', async (_label, sender) => {
    const { dispatch, start, onReject } = setup();
    const result = await dispatch('otr.start', ['room-1'], sender, ACCOUNT);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(onReject).toHaveBeenCalledWith('untrusted-sender', 'otr.start');
    expect(start).not.toHaveBeenCalled();
  });

  it.each([
    ['no account', undefined],
    ['an account that does not exist', 'acc0000002'],
    ['something that is not an account id', { id: ACCOUNT }],
  ])('refuses an account call naming %s, before its handler runs', async (_label, account) => {
    const { dispatch, start, onReject } = setup();
    const result = await dispatch('otr.start', ['room-1'], trusted, account);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(onReject).toHaveBeenCalledWith('unknown-account', 'otr.start');
    expect(start).not.toHaveBeenCalled();
  });

  it('sends app-level calls to the app, and refuses them when they name an account', async () => {
    const list = vi.fn(async () => ({ ok: true as const, value: { accounts: [], activeId: ACCOUNT, migrationFailed: false } }));
    const app = { 'accounts.list': list } as unknown as AppHandlers;
    const dispatch = createDispatcher(targets({} as Handlers, app), { isTrustedSender: () => true });
    expect(await dispatch('accounts.list', [], trusted, ACCOUNT)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(list).not.toHaveBeenCalled();
    expect(await dispatch('accounts.list', [], trusted)).toMatchObject({ ok: true, value: { activeId: ACCOUNT } });
  });

  it('turns a handler crash into an internal error instead of crashing main', async () => {
    const handlers = { 'otr.start': () => Promise.reject(new Error('boom')) } as unknown as Handlers;
    const dispatch = createDispatcher(targets(handlers), { isTrustedSender: () => true });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(dispatch('otr.start', ['r'], trusted, ACCOUNT)).resolves.toEqual({ ok: false, error: { code: 'internal' } });
  });
});
