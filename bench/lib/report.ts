// The shape of results, and how they are printed: a plain-text table for the terminal, Markdown for the docs.
import { tidy, type Spread } from './stats.js';

export const SECTION_NAMES = ['startup', 'main-thread', 'handshake', 'latency', 'renderer', 'memory', 'catch-up'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface Figure {
  /** Stable key, e.g. 'latency.private.one-way.p50': results and explanations of misses refer to it. */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** Met when value ≤ max. No goal: the figure is informational. */
  goal?: { max: number; unit: string };
  /** The same thing measured another way, and the ratio: "inline 2300 ms (740×)". */
  compared?: string;
  /** How it was sampled: "median of 5 [4.1–7.9]". */
  sampled: string;
}

export interface SectionResult {
  name: SectionName;
  title: string;
  figures: Figure[];
  /** Conditions worth knowing when reading the figures (run counts, server settings). */
  notes: string[];
  /** Every raw sample, for latest.json. */
  raw: unknown;
}

export type Verdict = 'meets' | 'misses' | 'info';

export function verdictOf(f: Figure): Verdict {
  if (f.goal === undefined) return 'info';
  return f.value <= f.goal.max ? 'meets' : 'misses';
}

export const fmt = (value: number, unit: string): string => `${tidy(value)}${unit === '×' ? '×' : ` ${unit}`}`;

/** "ratio 740×": how many times larger `other` is than `base`. */
export const ratio = (other: number, base: number): string => (base > 0 ? `${tidy(other / base)}×` : 'n/a');

export const sampledText = (s: Spread, unit: string): string =>
  s.n === 1 ? '1 run' : `median of ${s.n} [${tidy(s.min)}–${tidy(s.max)} ${unit}]`;

interface Cells {
  figure: string;
  value: string;
  goal: string;
  verdict: string;
  compared: string;
  sampled: string;
}

const HEADERS: Cells = { figure: 'figure', value: 'value', goal: 'goal', verdict: 'verdict', compared: 'compared with', sampled: 'sampled' };

function cells(f: Figure): Cells {
  const verdict = verdictOf(f);
  return {
    figure: f.label,
    value: fmt(f.value, f.unit),
    goal: f.goal === undefined ? '—' : `≤ ${fmt(f.goal.max, f.goal.unit)}`,
    verdict: verdict === 'misses' ? 'MISSES' : verdict,
    compared: f.compared ?? '',
    sampled: f.sampled,
  };
}

/** One aligned plain-text table per section. */
export function textTable(section: SectionResult): string {
  const rows = [HEADERS, ...section.figures.map(cells)];
  const keys = Object.keys(HEADERS) as (keyof Cells)[];
  const widths = keys.map((k) => Math.max(...rows.map((r) => r[k].length)));
  const line = (r: Cells): string => keys.map((k, i) => r[k].padEnd(widths[i]!)).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [`${section.title}`, line(HEADERS), rule, ...rows.slice(1).map(line)];
  for (const note of section.notes) out.push(`  · ${note}`);
  return out.join('\n');
}

export function markdownTable(section: SectionResult): string {
  const escape = (s: string): string => s.replaceAll('|', '\\|');
  const keys = Object.keys(HEADERS) as (keyof Cells)[];
  const row = (r: Cells): string => `| ${keys.map((k) => escape(r[k])).join(' | ')} |`;
  const out = [`### ${section.title}`, '', row(HEADERS), `|${keys.map(() => '---').join('|')}|`];
  for (const f of section.figures) out.push(row({ ...cells(f), verdict: verdictOf(f) === 'misses' ? '**misses**' : verdictOf(f) }));
  if (section.notes.length > 0) out.push('', ...section.notes.map((n) => `* ${n}`));
  return out.join('\n');
}

export function missedFigures(sections: readonly SectionResult[]): Figure[] {
  return sections.flatMap((s) => s.figures.filter((f) => verdictOf(f) === 'misses'));
}
