// Message markup as main hands it to the renderer: Rocket.Chat's markup kinds become our blocks, and nothing a
// server or a sender writes becomes an active link, HTML or script.
import { parse } from '@rocket.chat/message-parser';
import { describe, expect, it } from 'vitest';
import type { Block, Inline } from '../../src/contract/model.js';
import { safeHref, toBody } from '../../src/main/chat/markup.js';

function inlinesOf(blocks: readonly Block[]): Inline[] {
  const out: Inline[] = [];
  const walk = (items: readonly Inline[]) => {
    for (const item of items) {
      out.push(item);
      if ('c' in item) walk(item.c);
    }
  };
  for (const block of blocks) {
    if (block.t === 'p') walk(block.c);
    if (block.t === 'list') block.items.forEach(walk);
    if (block.t === 'quote') out.push(...inlinesOf(block.c));
  }
  return out;
}

const hrefs = (blocks: readonly Block[]) => inlinesOf(blocks).flatMap((i) => (i.t === 'link' ? [i.href] : []));

describe('message markup', () => {
  it('turns bold, italic, strike, code, code blocks, links, mentions and channels into their kinds', () => {
    const body = toBody('*Bold*, _italic_, ~strike~, `code` and https://rocket.chat @alice @here #general\n```\nconst a = 1;\n```');
    const kinds = inlinesOf(body).map((i) => i.t);
    expect(kinds).toEqual(expect.arrayContaining(['bold', 'italic', 'strike', 'code', 'link', 'mention', 'channel']));
    expect(inlinesOf(body).filter((i) => i.t === 'mention').map((i) => (i as { v: string }).v)).toEqual(['alice', 'here']);
    expect(body).toContainEqual({ t: 'code', lines: ['const a = 1;'] });
    expect(hrefs(body)).toEqual(['https://rocket.chat/']);
  });

  it("uses the server's md when it is there (7.x+), and the same result comes from parsing the text", () => {
    const text = 'hello *world* @bob';
    expect(toBody(text, parse(text))).toEqual(toBody(text));
    // md is the server's word for the text: what it says is what is shown.
    expect(inlinesOf(toBody('ignored', parse('*from md*'))).some((i) => i.t === 'bold')).toBe(true);
  });

  it('renders an XSS corpus inert: unsafe links are text, HTML stays text, nesting is bounded', () => {
    const corpus = [
      '[click](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[img](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '[a](vbscript:msgbox(1))',
      '*_~`[x](javascript:alert(1))`~_*',
      '[[x](javascript:alert(1))](https://ok.example)',
      '\u202Egnp.exe https://evil.example/\u202C',
      `${'*'.repeat(200)}deep${'*'.repeat(200)}`,
      `${'> '.repeat(100)}quote`,
    ];
    for (const text of corpus) {
      const body = toBody(text);
      for (const href of hrefs(body)) expect(href).toMatch(/^(https?:|mailto:)/);
      // The words stay visible as text; only elements we build exist (checked by the renderer test).
      expect(JSON.stringify(body)).not.toMatch(/"t":"(html|img|script)"/);
    }
    expect(inlinesOf(toBody('<img src=x onerror=alert(1)>'))).toEqual([{ t: 'text', v: '<img src=x onerror=alert(1)>' }]);
    expect(inlinesOf(toBody('[click](javascript:alert(1))')).map((i) => i.t)).toEqual(['text']);
  });

  it('keeps md nodes of unknown kinds as their text and drops unsafe links the server sent', () => {
    const md = [
      { type: 'PARAGRAPH', value: [{ type: 'SOMETHING_NEW', value: [{ type: 'PLAIN_TEXT', value: 'kept' }] }] },
      { type: 'PARAGRAPH', value: [{ type: 'LINK', value: { src: { type: 'PLAIN_TEXT', value: 'javascript:alert(1)' }, label: [{ type: 'PLAIN_TEXT', value: 'label' }] } }] },
      { type: 'PARAGRAPH', value: [{ type: 'HTML', value: '<b>x</b>' }] },
    ];
    expect(toBody('', md)).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'kept' }] },
      { t: 'p', c: [{ t: 'text', v: 'label' }] },
      { t: 'p', c: [{ t: 'text', v: '<b>x</b>' }] },
    ]);
  });

  it("leaves out a quote's hidden permalink, which the quote block shows instead", () => {
    const link = 'http://127.0.0.1:3000/channel/general?msg=abc';
    expect(toBody(`[ ](${link}) I agree`, undefined, new Set([link]))).toEqual([{ t: 'p', c: [{ t: 'text', v: 'I agree' }] }]);
  });

  it('a text longer than the parser is given (20 000 characters) stays one paragraph with its web links', () => {
    const long = `${'lorem *ipsum* '.repeat(1500)}see https://example.org/x. javascript:alert(1)`;
    const body = toBody(long);
    expect(body).toHaveLength(1);
    expect(hrefs(body)).toEqual(['https://example.org/x']);
    expect(inlinesOf(body).some((i) => i.t === 'bold')).toBe(false);
    expect(inlinesOf(body).map((i) => ('v' in i ? i.v : '')).join('')).toContain('javascript:alert(1)');
  });

  it('accepts only http, https and mailto links', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('mailto:a@b.example')).toBe('mailto:a@b.example');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'rocketchat://room', 'not a url']) {
      expect(safeHref(bad)).toBeUndefined();
    }
  });
});
