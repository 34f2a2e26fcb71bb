import { describe, expect, it, vi } from 'vitest';
import {
  createDeepLinkRouter,
  deepLinkInArgv,
  listenForOpenUrl,
  parseDeepLink,
  registerDeepLinkProtocol,
  type DeepLinkRouterOptions,
} from '../../src/main/electron/desktop/deep-links.js';

describe('parsing rocketchat:// links', () => {
  it.each([
    ['rocketchat://room?host=chat.example.com&rid=GENERAL',
      { host: 'chat.example.com', serverUrl: 'https://chat.example.com', target: { rid: 'GENERAL' } }],
    ['rocketchat://room?host=chat.example.com&path=direct/alice',
      { host: 'chat.example.com', serverUrl: 'https://chat.example.com', target: { kind: 'direct', name: 'alice' } }],
    ['rocketchat://room?host=chat.example.com&path=group/team.secret',
      { host: 'chat.example.com', serverUrl: 'https://chat.example.com', target: { kind: 'group', name: 'team.secret' } }],
    ['rocketchat://room/?path=channel/general&host=Chat.Example.com:8443',
      { host: 'chat.example.com:8443', serverUrl: 'https://chat.example.com:8443', target: { kind: 'channel', name: 'general' } }],
    ['rocketchat://room?host=http://localhost:3000&rid=abc123',
      { host: 'localhost:3000', serverUrl: 'http://localhost:3000', target: { rid: 'abc123' } }],
    ['rocketchat://room?host=example.com/chat/&rid=abc',
      { host: 'example.com', serverUrl: 'https://example.com/chat', target: { rid: 'abc' } }],
  ])('accepts %s', (raw, expected) => {
    expect(parseDeepLink(raw)).toEqual(expected);
  });

  it.each([
    ['another scheme', 'https://room?host=chat.example.com&rid=abc'],
    ['another action', 'rocketchat://auth?host=chat.example.com&token=t&userId=u'],
    ['no host', 'rocketchat://room?rid=abc'],
    ['two hosts', 'rocketchat://room?host=a.example&host=b.example&rid=abc'],
    ['no room', 'rocketchat://room?host=chat.example.com'],
    ['rid and path at once', 'rocketchat://room?host=chat.example.com&rid=abc&path=direct/bob'],
    ['livechat path', 'rocketchat://room?host=chat.example.com&path=livechat/abc'],
    ['an unknown room type', 'rocketchat://room?host=chat.example.com&path=admin/users'],
    ['path traversal', 'rocketchat://room?host=chat.example.com&path=direct/../../admin'],
    ['a nested path', 'rocketchat://room?host=chat.example.com&path=direct/bob/extra'],
    ['a script in the room id', 'rocketchat://room?host=chat.example.com&rid=<script>'],
    ['credentials in the server', 'rocketchat://room?host=user:pw@chat.example.com&rid=abc'],
    ['a query in the server', 'rocketchat://room?host=chat.example.com/?next=evil&rid=abc'],
    ['a javascript server', 'rocketchat://room?host=javascript:alert(1)&rid=abc'],
    ['a path on the action', 'rocketchat://room/extra?host=chat.example.com&rid=abc'],
    ['an overlong link', `rocketchat://room?host=chat.example.com&rid=abc&x=${'a'.repeat(3000)}`],
    ['garbage', 'not a link'],
  ])('refuses %s', (_why, raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });

  it('finds the link among process arguments', () => {
    expect(deepLinkInArgv(['/opt/otr-desk', '--no-sandbox', 'rocketchat://room?host=a.example&rid=x'])).toBe(
      'rocketchat://room?host=a.example&rid=x',
    );
    expect(deepLinkInArgv(['/opt/otr-desk', '--flag'])).toBeUndefined();
  });
});

function router(overrides: Partial<DeepLinkRouterOptions> = {}) {
  const opened: string[] = [];
  const options: DeepLinkRouterOptions = {
    isKnownServer: (host) => host === 'chat.example.com',
    confirmAddServer: vi.fn(() => Promise.resolve(true)),
    open: (link, server) => {
      opened.push(`${server} ${link.host} ${'rid' in link.target ? link.target.rid : link.target.name}`);
    },
    ...overrides,
  };
  return { router: createDeepLinkRouter(options), opened, options };
}

describe('routing deep links', () => {
  it('holds links until the app is ready, then opens them in order', async () => {
    const { router: links, opened } = router();
    expect(await links.handle('rocketchat://room?host=chat.example.com&rid=first')).toBe('queued');
    expect(await links.handle('rocketchat://room?host=chat.example.com&path=direct/second')).toBe('queued');
    expect(opened).toEqual([]);
    expect(await links.markReady()).toEqual(['opened', 'opened']);
    expect(opened).toEqual(['known chat.example.com first', 'known chat.example.com second']);
    expect(await links.handle('rocketchat://room?host=chat.example.com&rid=third')).toBe('opened');
    expect(opened).toHaveLength(3);
  });

  it('does not queue invalid links', async () => {
    const { router: links, opened } = router();
    expect(await links.handle('rocketchat://room?host=chat.example.com&path=admin/x')).toBe('invalid');
    expect(await links.markReady()).toEqual([]);
    expect(opened).toEqual([]);
  });

  it('opens a link to a known server without asking', async () => {
    const { router: links, options } = router();
    await links.markReady();
    await links.handle('rocketchat://room?host=chat.example.com&rid=abc');
    expect(options.confirmAddServer).not.toHaveBeenCalled();
  });

  it('asks before adding an unknown server, and opens the room only if the user agrees', async () => {
    let answer = false;
    const confirmAddServer = vi.fn(() => Promise.resolve(answer));
    const { router: links, opened } = router({ confirmAddServer });
    await links.markReady();
    expect(await links.handle('rocketchat://room?host=other.example.org&rid=abc')).toBe('declined');
    expect(confirmAddServer).toHaveBeenCalledWith('https://other.example.org');
    expect(opened).toEqual([]);
    answer = true;
    expect(await links.handle('rocketchat://room?host=other.example.org&rid=abc')).toBe('opened');
    expect(opened).toEqual(['added other.example.org abc']);
  });
});

describe('registering with the OS', () => {
  it('registers the rocketchat scheme; unpackaged, with the path Electron must be started with', () => {
    const app = { setAsDefaultProtocolClient: vi.fn(() => true) };
    registerDeepLinkProtocol(app, { execPath: '/opt/otr-desk/otr-desk', argv: ['/opt/otr-desk/otr-desk'] }, (p) => p);
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('rocketchat');
    registerDeepLinkProtocol(app, { defaultApp: true, execPath: '/usr/bin/electron', argv: ['electron', '.'] },
      () => '/home/me/otr-desk');
    expect(app.setAsDefaultProtocolClient).toHaveBeenLastCalledWith('rocketchat', '/usr/bin/electron', ['/home/me/otr-desk']);
  });

  it('takes macOS open-url events over from the OS and routes them', async () => {
    let listener: ((event: { preventDefault(): void }, url: string) => void) | undefined;
    const app = { on: (_event: 'open-url', l: typeof listener) => (listener = l) };
    const { router: links, opened } = router();
    listenForOpenUrl(app, links);
    const preventDefault = vi.fn();
    listener?.({ preventDefault }, 'rocketchat://room?host=chat.example.com&rid=mac');
    expect(preventDefault).toHaveBeenCalled();
    await links.markReady();
    expect(opened).toEqual(['known chat.example.com mac']);
  });
});
