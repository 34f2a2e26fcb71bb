import { describe, expect, it } from 'vitest';
import { normalizeServerUrl, websocketUrl } from '../../src/main/rocketchat/url.js';

describe('normalizeServerUrl', () => {
  it.each([
    ['chat.example.org', 'https://chat.example.org'],
    ['  chat.example.org/  ', 'https://chat.example.org'],
    ['https://chat.example.org///', 'https://chat.example.org'],
    ['https://chat.example.org/home', 'https://chat.example.org'],
    ['https://Chat.Example.ORG/channel/general', 'https://chat.example.org'],
    ['https://chat.example.org/direct/bob?x=1#top', 'https://chat.example.org'],
    ['https://example.org/chat/home', 'https://example.org/chat'],
    ['https://example.org/chat/', 'https://example.org/chat'],
    ['https://chat.example.org:8443/group/secret', 'https://chat.example.org:8443'],
    ['localhost:3000', 'http://localhost:3000'],
    ['http://localhost:3000/home', 'http://localhost:3000'],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['https://localhost', 'https://localhost'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, url: expected });
  });

  it.each([
    [''],
    ['   '],
    ['http://chat.example.org'],
    ['ftp://chat.example.org'],
    ['https://user:pw@chat.example.org'],
    ['https://'],
    ['chat example org'],
  ])('refuses %j as invalid-url', (input) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid-url');
  });

  it('derives the DDP socket address', () => {
    expect(websocketUrl('https://example.org/chat')).toBe('wss://example.org/chat/websocket');
    expect(websocketUrl('http://localhost:3000')).toBe('ws://localhost:3000/websocket');
  });
});
