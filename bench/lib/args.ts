// Command-line options of `npm run bench`. Pure: parses argv, never exits.
import { parseArgs } from 'node:util';
import { SECTION_NAMES, type SectionName } from './report.js';

export interface BenchArgs {
  sections: SectionName[];
  /** True when every section runs: only then is docs/PERFORMANCE.md rewritten. */
  complete: boolean;
  messages: number | undefined;
  help: boolean;
}

const ALIASES: Record<string, SectionName> = { block: 'main-thread', main: 'main-thread', ake: 'handshake', heap: 'memory' };

export const USAGE = `npm run bench [-- --only <sections>] [--messages <n>]
  --only      comma-separated (or repeated): ${SECTION_NAMES.join(', ')}
  --messages  messages per latency pattern (default 1000)`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string', multiple: true },
      messages: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const wanted = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const sections = wanted.length === 0 ? [...SECTION_NAMES] : wanted.map(toSection);
  const messages = values.messages === undefined ? undefined : Number(values.messages);
  if (messages !== undefined && (!Number.isInteger(messages) || messages < 2)) throw new Error('--messages needs a whole number ≥ 2');
  return {
    sections: SECTION_NAMES.filter((s) => sections.includes(s)),
    complete: SECTION_NAMES.every((s) => sections.includes(s)) && messages === undefined,
    messages,
    help: values.help === true,
  };
}

function toSection(name: string): SectionName {
  const found = (SECTION_NAMES as readonly string[]).includes(name) ? (name as SectionName) : ALIASES[name];
  if (found === undefined) throw new Error(`Unknown section "${name}". Sections: ${SECTION_NAMES.join(', ')}`);
  return found;
}
