// The flow's wire conventions and recogniser, and when an outgoing private message counts as sent.
import { describe, expect, it } from 'vitest';
import { DECLINE_TEXT, queryText, queryTimeoutMs, recogniseOurText, UNREADABLE_TEXT, WITHDRAW_TEXT } from '../../src/otr/flow/conventions.js';
import { OutgoingTracker } from '../../src/otr/rooms/outgoing.js';
import { classifyWire } from '../../src/otr/rooms/wire-kind.js';
import { stripWhitespaceTag } from '../../src/otr/wire.js';
import { encode } from './fakes/fake-engine.js';

describe('wire conventions', () => {
  it('the request is an OTR v3 query with a human line after it', () => {
    const text = queryText('alice', 10_000);
    expect(text.split('\n')[0]).toBe('?OTRv3?');
    expect(text).toContain('alice wants to start an encrypted Off-the-Record chat');
    expect(classifyWire(text)).toEqual({ kind: 'query' });
  });

  it("the request carries the asker's timeout; an older peer's query without it says nothing; odd values are clamped", () => {
    expect(queryTimeoutMs(queryText('alice', 10_000))).toBe(10_000);
    expect(queryTimeoutMs(queryText('alice', 600_000))).toBe(600_000);
    const older =
      '?OTRv3?\nalice wants to start an encrypted Off-the-Record chat. ' +
      'If you can read this line, your app does not support OTR v3; an OTR-capable client is needed.';
    expect(queryTimeoutMs(older)).toBeNull();
    expect(queryTimeoutMs('?OTRv3?')).toBeNull();
    expect(queryTimeoutMs('?OTRv3?\nThis request expires after 1 s.')).toBe(10_000);
    expect(queryTimeoutMs('?OTRv3?\nThis request expires after 99999 s.')).toBe(600_000);
  });

  it('decline, withdraw and unreadable are distinct OTR errors we recognise, and others are foreign', () => {
    expect(new Set([DECLINE_TEXT, WITHDRAW_TEXT, UNREADABLE_TEXT]).size).toBe(3);
    expect(recogniseOurText(`${DECLINE_TEXT}\n`)).toBe('decline');
    expect(recogniseOurText(WITHDRAW_TEXT)).toBe('withdraw');
    expect(recogniseOurText(UNREADABLE_TEXT)).toBe('unreadable');
    expect(classifyWire('?OTR Error:You transmitted an unreadable encrypted message.')).toEqual({
      kind: 'error',
      ours: null,
      detail: 'You transmitted an unreadable encrypted message.',
    });
  });
});

describe('error texts as libotr writes them', () => {
  it("are sent with libotr's prefix, space included, so a Pidgin user reads only the sentence", () => {
    for (const text of [DECLINE_TEXT, WITHDRAW_TEXT, UNREADABLE_TEXT]) expect(text).toMatch(/^\?OTR Error: [A-Z]/);
  });

  it('are recognised with or without the space (older versions sent none)', () => {
    expect(recogniseOurText('?OTR Error:The Off-the-Record chat request was declined.')).toBe('decline');
    expect(recogniseOurText('?OTR Error:The Off-the-Record chat request was withdrawn.')).toBe('withdraw');
    expect(recogniseOurText('?OTR Error:Received an encrypted message that cannot be read: no private chat is open. Start a new one.')).toBe('unreadable');
    expect(recogniseOurText('?OTR Error: The Off-the-Record chat request was declined. Or was it?')).toBeNull();
  });
});

describe('whitespace tags', () => {
  const BASE = ' \t  \t\t\t\t \t \t \t  ';
  const V2 = '  \t\t  \t ';
  const V3 = '  \t\t  \t\t';

  it('are removed with the version tags after them, wherever libotr put them; other whitespace stays', () => {
    expect(stripWhitespaceTag(`hello${BASE}${V2}${V3}`)).toBe('hello');
    expect(stripWhitespaceTag(`${BASE}${V3}hello`)).toBe('hello');
    expect(stripWhitespaceTag(`a\tb  c${BASE}`)).toBe('a\tb  c');
    expect(stripWhitespaceTag('no tag \t here')).toBe('no tag \t here');
    expect(classifyWire(`hello${BASE}${V3}`)).toEqual({ kind: 'plain' });
  });
});

describe('classifyWire', () => {
  it('reads the message type from the header: D-H Commit, other AKE, data', () => {
    expect(classifyWire(encode(0x02, {}))).toEqual({ kind: 'encoded', carries: 'dh-commit' });
    expect(classifyWire(encode(0x0a, {}))).toEqual({ kind: 'encoded', carries: 'ake' });
    expect(classifyWire(encode(0x12, {}))).toEqual({ kind: 'encoded', carries: 'ake' });
    expect(classifyWire(encode(0x03, {}))).toEqual({ kind: 'encoded', carries: 'data' });
  });

  it('knows what a fragment series carries from its first piece only', () => {
    const data = encode(0x03, { text: 'x'.repeat(40) });
    const first = `?OTR|1a2b|3c4d,1,3,${data.slice(0, 20)},`;
    const second = `?OTR|1a2b|3c4d,2,3,${data.slice(20, 40)},`;
    expect(classifyWire(first)).toEqual({ kind: 'fragment', index: 1, total: 3, carries: 'data' });
    expect(classifyWire(second)).toEqual({ kind: 'fragment', index: 2, total: 3, carries: null });
  });

  it('plain text, including text that merely mentions OTR, is plain', () => {
    expect(classifyWire('hello')).toEqual({ kind: 'plain' });
    expect(classifyWire('what does ?OTRv3? mean')).toEqual({ kind: 'plain' });
  });
});

describe('OutgoingTracker', () => {
  it('a fragmented message is sent only when the transport confirmed every fragment', () => {
    const t = new OutgoingTracker();
    t.begin('l1', 's1');
    t.queued('l1', '?OTR|1|2,1,3,aaaa,');
    expect(t.confirmed('l1')).toBe(false);
    t.queued('l1', '?OTR|1|2,2,3,bbbb,');
    t.queued('l1', '?OTR|1|2,3,3,cccc,');
    expect(t.confirmed('l1')).toBe(false);
    expect(t.confirmed('l1')).toBe(true);
    expect(t.isTracked('l1')).toBe(false);
  });

  it('a failure is reported once, and later confirmations of the same message change nothing', () => {
    const t = new OutgoingTracker();
    t.begin('l1', 's1');
    t.queued('l1', '?OTR:AAMDxxxx.');
    expect(t.failed('l1')).toBe(true);
    expect(t.failed('l1')).toBe(false);
    expect(t.confirmed('l1')).toBe(false);
  });

  it('sent messages stay suspect until the peer speaks', () => {
    const t = new OutgoingTracker();
    for (const id of ['l1', 'l2']) {
      t.begin(id, 's1');
      t.queued(id, '?OTR:AAMDxxxx.');
      t.confirmed(id);
    }
    t.peerSpoke();
    t.begin('l3', 's1');
    t.queued('l3', '?OTR:AAMDxxxx.');
    t.confirmed('l3');
    t.begin('l4', 's1');
    expect(t.take('unconfirmed')).toEqual(['l3', 'l4']);
    expect(t.take('unconfirmed')).toEqual([]);
  });

  it('a dropped session gives up the messages that never reached the transport', () => {
    const t = new OutgoingTracker();
    t.begin('l1', 's1');
    t.queued('l1', '?OTR:AAMDxxxx.');
    t.begin('l2', 's1');
    t.begin('l3', 's2');
    expect(t.takeUnsent('s1')).toEqual(['l2']);
    expect(t.take('pending')).toEqual(['l1', 'l3']);
  });
});
