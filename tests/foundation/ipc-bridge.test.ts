import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { registerIpc, senderOf } = await import('../../src/main/electron/ipc-bridge.js');
const { CALL_CHANNEL } = await import('../../src/contract/api.js');

describe('Electron IPC registration', () => {
  it('registers exactly one invoke channel and passes the sender frame and the account id to the dispatcher', async () => {
    const handlers = new Map<string, (...a: unknown[]) => unknown>();
    const ipcMain = { handle: (ch: string, h: (...a: unknown[]) => unknown) => handlers.set(ch, h), removeHandler: vi.fn() };
    const dispatch = vi.fn(async () => ({ ok: true as const, value: null }));
    registerIpc(ipcMain as never, dispatch);
    expect([...handlers.keys()]).toEqual([CALL_CHANNEL]);
    const mainFrame = { parent: null, url: 'app://otrdesk/index.html' };
    await handlers.get(CALL_CHANNEL)!({ senderFrame: mainFrame, sender: { mainFrame } }, 'session.get', [], 'acc0000001');
    expect(dispatch).toHaveBeenCalledWith('session.get', [], { isMainFrame: true, url: 'app://otrdesk/index.html' }, 'acc0000001');
  });

  it('never treats a child frame or a destroyed frame as the top frame', () => {
    const mainFrame = { parent: null, url: 'app://otrdesk/index.html' };
    const child = { parent: mainFrame, url: 'app://otrdesk/index.html' };
    expect(senderOf({ senderFrame: child, sender: { mainFrame } } as never).isMainFrame).toBe(false);
    expect(senderOf({ senderFrame: null, sender: { mainFrame } } as never)).toEqual({ isMainFrame: false, url: '' });
  });
});
