import { describe, expect, it, vi } from 'vitest';
import { ErrorCode, NoticeCode } from '../../src/contract/model.js';
import { en } from '../../src/renderer/src/i18n/en.js';
import { catalogs } from '../../src/renderer/src/i18n/catalogs.js';
import { errorKey, noticeKey, resolveLanguage, translator } from '../../src/renderer/src/i18n/index.js';
import { nl } from '../../src/renderer/src/i18n/nl.js';

describe('string catalogues', () => {
  const enKeys = Object.keys(en).sort();

  it.each(Object.entries(catalogs))('%s has exactly the English keys, none empty', (_language, strings) => {
    expect(Object.keys(strings).sort()).toEqual(enKeys);
    const empty = Object.entries(strings).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('has words for every error code and notice code in both languages', () => {
    for (const code of ErrorCode.options) {
      expect(en[errorKey(code)]).toBeTruthy();
      expect(nl[errorKey(code)]).toBeTruthy();
    }
    for (const code of NoticeCode.options) {
      expect(nl[noticeKey(code)]).toBeTruthy();
    }
  });

  it('uses the same parameters in Dutch as in English', () => {
    const params = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort().join();
    const mismatched = (Object.keys(en) as (keyof typeof en)[]).filter((key) => params(en[key]) !== params(nl[key]));
    expect(mismatched).toEqual([]);
  });

  it('speaks Dutch the way the Dutch guide and users expect', () => {
    const t = translator('nl');
    expect(t('otr.yes')).toBe('Ja');
    expect(t('otr.no')).toBe('Nee');
    expect(t('otr.startDescription')).toBe('Versleutelde chat starten');
    expect(t('otr.state.unverified')).toBe('Privé, niet geverifieerd');
    expect(t('fp.own')).toContain('vingerafdruk');
    expect(t('otr.incoming.body', { user: 'bob' })).toBe('bob wil een versleutelde chat starten. Accepteren?');
  });

  it('says "did not answer in time" one way in the dialog and the chat, and does not call the DM section private', () => {
    const t = translator('nl');
    expect(t('otr.timedOut.body', { user: 'bob' })).toContain('niet op tijd geantwoord');
    expect(t('notice.otr-timed-out', { user: 'bob' })).toContain('niet op tijd geantwoord');
    // The section holds chats marked "Niet privé" too: it is about who, not about privacy.
    expect(t('rooms.direct')).toBe('Directe berichten');
    expect(t('rooms.direct')).not.toMatch(/privé/i);
    // Where other lines name that kind of chat, they use the section's words, not "privéberichten".
    expect(t('otr.onlyDirect')).toBe('Alleen in directe berichten');
    expect(t('error.otr-not-direct')).toContain('directe berichten');
    expect(Object.values(nl).filter((text) => /privéberichten|privégesprek\b/i.test(text))).toEqual([]);
    // The app says "je" to the user everywhere, never "u".
    expect(Object.values(nl).filter((text) => /\bu (kunt|bent|hebt|moet)\b/.test(text))).toEqual([]);
  });
});

describe('language choice', () => {
  it('follows a Dutch system language unless the settings say otherwise', () => {
    expect(resolveLanguage('system', 'nl-BE')).toBe('nl');
    expect(resolveLanguage('system', 'NL')).toBe('nl');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage(undefined, undefined)).toBe('en');
    expect(resolveLanguage('en', 'nl-NL')).toBe('en');
    expect(resolveLanguage('nl', 'en-US')).toBe('nl');
  });

  it('fills parameters into the chosen language', () => {
    expect(translator('en')('connection.reconnecting', { seconds: 5 })).toBe('Connection lost. Reconnecting in 5 s');
  });
});

describe('loading a language', () => {
  // A fresh copy of the module: the setup file loaded both languages into the shared one.
  const freshI18n = async () => {
    vi.resetModules();
    return import('../../src/renderer/src/i18n/index.js');
  };

  it('has no words before one is loaded, then the loaded language answers for one still on its way', async () => {
    const i18n = await freshI18n();
    expect(() => i18n.translator('en')).toThrow(/No language is loaded/);
    await i18n.loadLanguage('en');
    expect(i18n.hasLanguage('nl')).toBe(false);
    expect(i18n.translator('nl')('otr.yes')).toBe('Yes');
  });

  it('tells listeners when the chosen language has arrived, and then speaks it', async () => {
    const i18n = await freshI18n();
    await i18n.loadLanguage('en');
    const told = vi.fn();
    const stop = i18n.onLanguageLoaded(told);
    await i18n.loadLanguage('nl');
    stop();
    expect(told).toHaveBeenCalledTimes(1);
    expect(i18n.translator('nl')('otr.yes')).toBe('Ja');
  });
});
