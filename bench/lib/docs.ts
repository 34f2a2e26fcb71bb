// docs/PERFORMANCE.md: the latest complete run's tables, the machine, and every missed goal with its reason.
import { explain } from './explanations.js';
import { machineLine, type Machine } from './machine.js';
import { fmt, markdownTable, missedFigures, type SectionResult } from './report.js';

export interface RunSummary {
  startedAt: string;
  durationS: number;
  machine: Machine;
  loadAtEnd: number;
  sections: SectionResult[];
}

export function performanceMarkdown(run: RunSummary): string {
  const missed = missedFigures(run.sections);
  const out = [
    '# Performance',
    '',
    'Written by `npm run bench` (bench/run.ts) after a complete run; every sample of that run is in',
    '`bench/results/latest.json` (not committed). Figures are medians unless a row says otherwise; nothing here is',
    'asserted by a test. Earlier runs, and what each optimisation gained (issue 19\'s steps with the profile that',
    'motivated each): [PERFORMANCE-HISTORY.md](PERFORMANCE-HISTORY.md).',
    '',
    '```',
    'npm run bench                              # every section (a few minutes)',
    'npm run bench -- --only latency,renderer   # sections: startup, main-thread, handshake, latency, renderer, memory, catch-up',
    'npm run bench -- --only latency --messages 200',
    '```',
    '',
    `**Run:** ${run.startedAt}, ${Math.round(run.durationS)} s.  `,
    `**Machine:** ${machineLine(run.machine)}; load ${run.loadAtEnd} at the end.`,
    '',
    'The 1-minute load average is printed because the machine may be shared: when it is well above the number of',
    'cores, every timing here is inflated by waiting for a CPU. Section 1 separates the two: "own work" is CPU the',
    'main thread itself used, and its control row shows the stalls of the machine with no OTR work at all.',
    '',
    '## Results',
    '',
    ...run.sections.flatMap((s) => [markdownTable(s), '']),
    '## Goals missed in this run',
    '',
  ];
  if (missed.length === 0) out.push('None.', '');
  for (const f of missed) {
    const goal = f.goal === undefined ? '' : ` (goal ≤ ${fmt(f.goal.max, f.goal.unit)})`;
    out.push(`* **${f.label}: ${fmt(f.value, f.unit)}**${goal}. ${explain(f) ?? ''}`.trimEnd(), '');
  }
  return out.join('\n');
}
