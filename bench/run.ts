// `npm run bench`: measures the real code paths, prints a table per section with goals and verdicts, writes
// bench/results/latest.json and, after a complete run, docs/PERFORMANCE.md. See docs/PERFORMANCE.md.
import './lib/gc.js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './lib/args.js';
import { performanceMarkdown, type RunSummary } from './lib/docs.js';
import { explain } from './lib/explanations.js';
import { describeMachine, machineLine } from './lib/machine.js';
import { fmt, missedFigures, textTable, type SectionResult } from './lib/report.js';
import { SECTIONS } from './sections/index.js';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));
const LATEST = `${RESULTS}latest.json`;
const DOCS = fileURLToPath(new URL('../docs/PERFORMANCE.md', import.meta.url));

/** Sections run alone keep the other sections of the previous latest.json. */
async function previousSections(): Promise<SectionResult[]> {
  try {
    const previous = JSON.parse(await readFile(LATEST, 'utf8')) as { sections?: SectionResult[] };
    return previous.sections ?? [];
  } catch {
    return [];
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const started = new Date();
  const machine = describeMachine();
  console.log(`OTR Desk bench — ${started.toISOString()}`);
  console.log(`Machine: ${machineLine(machine)}`);
  console.log(`Sections: ${args.sections.join(', ')}\n`);

  const results: SectionResult[] = [];
  for (const name of args.sections) {
    const t = performance.now();
    console.error(`… ${name}`);
    const result = await SECTIONS[name]({ messages: args.messages });
    console.error(`  ${name} took ${Math.round((performance.now() - t) / 1000)} s`);
    results.push(result);
    console.log(`${textTable(result)}\n`);
  }

  const summary: RunSummary = {
    startedAt: started.toISOString(),
    durationS: (Date.now() - started.getTime()) / 1000,
    machine,
    loadAtEnd: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    sections: results,
  };
  const missed = missedFigures(results);
  console.log(missed.length === 0 ? 'Every goal measured in this run was met.' : `Goals missed: ${missed.length}`);
  for (const f of missed) console.log(`  ✗ ${f.label}: ${fmt(f.value, f.unit)} — ${explain(f) ?? ''}`);
  console.log(`\nTook ${Math.round(summary.durationS)} s; load ${machine.loadAtStart} at start, ${summary.loadAtEnd} at the end.`);

  const kept = (await previousSections()).filter((s) => !args.sections.includes(s.name));
  await mkdir(RESULTS, { recursive: true });
  await writeFile(LATEST, `${JSON.stringify({ ...summary, sections: [...kept, ...results] }, null, 2)}\n`);
  console.log(`Wrote ${LATEST}`);
  if (args.complete) {
    await writeFile(DOCS, `${performanceMarkdown(summary)}\n`);
    console.log(`Wrote ${DOCS}`);
  } else {
    console.log('docs/PERFORMANCE.md is rewritten only by a complete run (no --only, no --messages).');
  }
}

main().then(
  // Worker threads and sockets are all closed by now; exit so a stray handle cannot keep the bench alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
