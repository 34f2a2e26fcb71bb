// Section 4: the built renderer in Chromium opening a DM of 10 000 messages (all held by main, which hands the
// renderer its newest window), from the click on the room to the first screen of messages, with the DOM rows
// that exist and the JS heap it takes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleForPage } from '../../src/host/build-bridge.js';
import { PROBE, type DomCounts, type OpenTiming } from '../page/probe-types.js';
import { ME, PEER } from '../page/history.js';
import { HISTORY_WINDOW } from '../../src/contract/model.js';
import { CHROMIUM_PATH } from '../lib/machine.js';
import { fmt, ratio, sampledText, type SectionResult } from '../lib/report.js';
import { spread } from '../lib/stats.js';
import { serveDirectory } from '../lib/static-server.js';

export interface RendererOptions {
  runs: number;
  messages: number;
  /** What rooms.open returns for a room opened the first time (the chat service's page size from the server). */
  firstPage: number;
}

export const RENDERER_DEFAULTS: RendererOptions = { runs: 5, messages: 10_000, firstPage: 50 };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** The renderer the app ships; built once if this checkout has none yet. */
export function ensureBuilt(): void {
  if (existsSync(`${RENDERER_DIR}/index.html`)) return;
  console.error('bench: out/renderer is missing; running electron-vite build…');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(`${RENDERER_DIR}/index.html`)) throw new Error('electron-vite build failed');
}

/** The fake API for a history of `messages` messages: one build, told its size by a global set before it. */
function pageScript(code: string, messages: number): string {
  return `window.__otrBenchMessages = ${messages};\n${code}`;
}

interface OpenRun {
  timing: OpenTiming;
  /** The control in the same page just before: a click on plain text, to the end of the next frame. */
  controlMs: number;
  rows: number;
  elements: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
}

const MiB = 2 ** 20;

/** JS heap in use after a full collection, as DevTools reports it. */
async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    if (used === undefined) throw new Error('Chromium reported no JSHeapUsedSize');
    return used / MiB;
  } finally {
    await cdp.detach();
  }
}

async function probeResult(page: Page): Promise<OpenTiming> {
  // A function, not a string: the renderer's CSP forbids eval, and Playwright compiles functions over CDP.
  const handle = await page.waitForFunction(() => (globalThis as { __otrBenchProbe?: { result: unknown } }).__otrBenchProbe?.result, undefined, {
    timeout: 60_000,
  });
  return (await handle.jsonValue()) as OpenTiming;
}

async function openOnce(browser: Browser, url: string, script: string): Promise<OpenRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    await page.goto(url);
    const room = page.getByRole('button', { name: PEER.name, exact: true });
    await room.waitFor();
    const heapBeforeMiB = await heapMiB(page);
    await page.evaluate(PROBE.armControl);
    await page.getByText(`Signed in as ${ME.username}`).click();
    const controlMs = (await probeResult(page)).paintMs;
    await page.evaluate(PROBE.arm);
    await room.click();
    const timing = await probeResult(page);
    const counts = await page.evaluate<DomCounts>(PROBE.counts);
    return { timing, controlMs, ...counts, heapBeforeMiB, heapAfterMiB: await heapMiB(page) };
  } finally {
    await context.close();
  }
}

export async function rendererSection(o: RendererOptions = RENDERER_DEFAULTS): Promise<SectionResult> {
  ensureBuilt();
  const [server, fakeApi] = await Promise.all([
    serveDirectory(RENDERER_DIR),
    bundleForPage(fileURLToPath(new URL('../page/fake-api.ts', import.meta.url))),
  ]);
  const script = pageScript(fakeApi, o.messages);
  const smallScript = pageScript(fakeApi, o.firstPage);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const runs: OpenRun[] = [];
    const small: OpenRun[] = [];
    for (let i = 0; i < o.runs; i++) {
      runs.push(await openOnce(browser, server.url, script));
      small.push(await openOnce(browser, server.url, smallScript));
    }
    const smallPaint = spread(small.map((r) => r.timing.paintMs));
    const paint = spread(runs.map((r) => r.timing.paintMs));
    const control = spread([...runs, ...small].map((r) => r.controlMs));
    const firstRows = spread(runs.map((r) => r.timing.firstRowsMs));
    const rows = spread(runs.map((r) => r.rows));
    const elements = spread(runs.map((r) => r.elements));
    const heap = spread(runs.map((r) => r.heapAfterMiB));
    const heapGrowth = spread(runs.map((r) => r.heapAfterMiB - r.heapBeforeMiB));
    const version = browser.version();
    return {
      name: 'renderer',
      title: `4. Renderer: click on a room → its first screen, ${o.firstPage} and ${o.messages.toLocaleString('en')} messages (Chromium ${version})`,
      figures: [
        {
          id: 'renderer.open',
          label: `click on the room → first screen painted, ${o.messages.toLocaleString('en')} messages in main`,
          value: paint.median,
          unit: 'ms',
          goal: { max: 100, unit: 'ms' },
          compared: `${ratio(paint.median, control.median)} the control; rooms.open hands over the newest ${Math.min(HISTORY_WINDOW, o.messages)}; first rows (not yet at the end) after ${fmt(firstRows.median, 'ms')}`,
          sampled: sampledText(paint, 'ms'),
        },
        {
          id: 'renderer.open-first-page',
          label: `the same with ${o.firstPage} messages (the first page rooms.open returns)`,
          value: smallPaint.median,
          unit: 'ms',
          goal: { max: 50, unit: 'ms' },
          compared: `${ratio(smallPaint.median, control.median)} the control`,
          sampled: sampledText(smallPaint, 'ms'),
        },
        {
          id: 'renderer.control',
          label: 'control: click on plain text → next frame painted',
          value: control.median,
          unit: 'ms',
          compared: 'the same page just before each open: what the browser and machine cost right now, not our code',
          sampled: sampledText(control, 'ms'),
        },
        {
          id: 'renderer.rows',
          label: 'message-list rows in the DOM',
          value: rows.median,
          unit: 'rows',
          compared: `of ${o.messages.toLocaleString('en')} messages; ${Math.round(elements.median)} elements in the whole page`,
          sampled: sampledText(rows, 'rows'),
        },
        {
          id: 'renderer.heap',
          label: 'JS heap with the room open',
          value: heap.median,
          unit: 'MiB',
          compared: `+${fmt(heapGrowth.median, 'MiB')} for opening the room`,
          sampled: sampledText(heap, 'MiB'),
        },
      ],
      notes: [
        `Runs: ${o.runs} for each history size, alternating, each a fresh browser context loading out/renderer from a local HTTP server, with a fake window.otrDesk (page.addInitScript) whose rooms.open answers in a later task, parsed from JSON (as an IPC reply is deserialised), with what main's chat service returns for a room it holds ${o.messages.toLocaleString('en')} messages of: the newest ${HISTORY_WINDOW} (contract HISTORY_WINDOW; rooms.loadOlder pages back from there).`,
        'Control: in the same page just before the room is clicked, a click on the "Signed in as" text, timed the same way to the end of the next frame.',
        'Timed in the page from the click event\'s timeStamp (Playwright clicks the room button): checked at every animation frame until the newest message is laid out inside the visible list, then to the end of that frame (the first screen painted). "First rows": a MutationObserver sees the first message rows, before the list has scrolled to its end. Heap: CDP Performance.getMetrics JSHeapUsedSize after HeapProfiler.collectGarbage.',
        `Chromium: ${CHROMIUM_PATH} --no-sandbox --disable-gpu --disable-background-networking, headless, 1280×800.`,
      ],
      raw: { options: o, runs, firstPage: small },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
