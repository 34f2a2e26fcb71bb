import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/main/chat/split-text.js';

describe('splitText (plain sends over Message_MaxAllowedSize)', () => {
  it('leaves a text within the limit whole', () => {
    expect(splitText('hello', 5)).toEqual(['hello']);
  });

  it('never yields a part over the limit, breaks at spaces where it can, and loses no words', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`);
    const parts = splitText(words.join(' '), 100);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 100)).toBe(true);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('cuts a text without spaces hard at the limit, never inside a surrogate pair', () => {
    const text = `${'x'.repeat(9)}😀${'y'.repeat(20)}`;
    const parts = splitText(text, 10);
    expect(parts.every((part) => part.length <= 10)).toBe(true);
    expect(parts.join('')).toBe(text);
    expect(parts[0]).toBe('x'.repeat(9));
  });
});
