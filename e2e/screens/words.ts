// What alice and bob say in the screenshots: in the language of the screens, so the Dutch pictures read Dutch.
import type { Language } from './localized-clients.js';

export interface Words {
  hello: string;
  reply: string;
  lead: string;
  private1: string;
  private2: string;
  question: string;
  answer: string;
}

export const WORDS: Readonly<Record<Language, Words>> = {
  en: {
    hello: 'Hi Bob! Do you have a minute?',
    reply: 'Sure, what is up?',
    lead: 'I want to tell you something, but not where the server can read it.',
    private1: 'The new office opens on 1 March. Keep it to yourself for now.',
    private2: 'Understood. Nobody hears it from me.',
    question: 'Where did we first meet?',
    answer: 'at the harbour cafe',
  },
  nl: {
    hello: 'Hoi Bob! Heb je even?',
    reply: 'Zeker, wat is er?',
    lead: 'Ik wil je iets vertellen, maar niet waar de server het kan lezen.',
    private1: 'Het nieuwe kantoor gaat op 1 maart open. Hou het nog even voor je.',
    private2: 'Begrepen. Van mij hoort niemand het.',
    question: 'Waar hebben we elkaar voor het eerst ontmoet?',
    answer: 'in het havencafé',
  },
};

/** A catalogue template as a pattern: `{name}` parameters match `params[name]` (a regex source). */
export function templatePattern(template: string, params: Readonly<Record<string, string>>): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\\\{(\w+)\\\}/g, (_whole, name: string) => params[name] ?? '.*')}$`);
}
