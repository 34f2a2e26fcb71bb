// Section 0: opening the app in a browser through the real browser host (warm: host running, browser running,
// page loaded once before), to the sign-in screen and to the room list of a signed-in account; and the renderer
// JavaScript the page really fetches before sign-in. A static page of one line is the control of the same run.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../server/index.js';
import { AccountRegistry } from '../../src/main/accounts/registry.js';
import { bundleForPage } from '../../src/host/build-bridge.js';
import { startHost, type Host } from '../../src/host/host.js';
import type { StartupTiming } from '../page/probe-types.js';
import { CHROMIUM_PATH } from '../lib/machine.js';
import { MemorySecrets } from '../lib/memory-secrets.js';
import { fmt, ratio, sampledText, type Figure, type SectionResult } from '../lib/report.js';
import { spread } from '../lib/stats.js';
import { serveDirectory } from '../lib/static-server.js';
import { ensureBuilt, RENDERER_DIR } from './renderer.js';

export interface StartupOptions {
  /** Warm reloads measured per page, after one load that is not counted. */
  runs: number;
  /** How long the sign-in screen stays open while fetched scripts are still counted. */
  idleAfterMs: number;
}

export const STARTUP_DEFAULTS: StartupOptions = { runs: 7, idleAfterMs: 1500 };

interface Target {
  name: 'control' | 'sign-in' | 'room list';
  url: string;
  /** Painted = this element has a size. */
  selector: string;
}

const KB = 1000;
/** The browser host's own transport script: not part of the renderer (Electron has a preload instead). */
const BRIDGE_PATH = '/__host/bridge.js';

interface Loaded {
  page: Page;
  /** Bytes of every script response body, by path, from the first load. */
  scripts: Map<string, number>;
}

async function firstLoad(browser: Browser, probe: string, target: Target, idleMs: number): Promise<Loaded> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await context.addInitScript({ content: `window.__otrStartupTarget = ${JSON.stringify(target.selector)};\n${probe}` });
  const page = await context.newPage();
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const path = new URL(response.url()).pathname;
    pending.push(response.body().then((body) => void scripts.set(path, body.length)));
  });
  await page.goto(target.url);
  await page.waitForFunction(() => (globalThis as { __otrStartup?: unknown }).__otrStartup, undefined, { timeout: 60_000 });
  await page.waitForTimeout(idleMs);
  await Promise.all(pending);
  page.removeAllListeners('response');
  return { page, scripts };
}

async function reloadOnce(page: Page): Promise<StartupTiming> {
  await page.reload();
  const handle = await page.waitForFunction(() => (globalThis as { __otrStartup?: unknown }).__otrStartup, undefined, { timeout: 60_000 });
  return (await handle.jsonValue()) as StartupTiming;
}

const rendererBytes = (scripts: Map<string, number>): number =>
  [...scripts].filter(([path]) => path !== BRIDGE_PATH).reduce((sum, [, bytes]) => sum + bytes, 0);

export async function startupSection(o: StartupOptions = STARTUP_DEFAULTS): Promise<SectionResult> {
  ensureBuilt();
  const work = await mkdtemp(join(tmpdir(), 'otrdesk-bench-startup-'));
  await writeFile(join(work, 'index.html'), '<!doctype html><html><body><p id="control">control page</p></body></html>');
  const server = await startServer({ port: 0, seed: 'demo', rateLimits: { enabled: false } });
  const hosts: Host[] = [];
  const hostFor = async (profile: string, signIn: boolean): Promise<Host> => {
    const host = await startHost({
      port: 0,
      rendererDir: RENDERER_DIR,
      createCore: async (emit) => {
        const registry = await AccountRegistry.open({
          profileDir: join(work, profile),
          emit,
          secretsFor: () => new MemorySecrets(),
          autoLogin: signIn ? [{ serverUrl: server.url, user: 'alice', password: 'demo' }] : [],
        });
        return { targets: registry.targets, dispose: () => registry.dispose() };
      },
    });
    hosts.push(host);
    return host;
  };
  const control = await serveDirectory(work);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const [signedOut, signedIn, probe] = await Promise.all([
      hostFor('signed-out', false),
      hostFor('signed-in', true),
      bundleForPage(fileURLToPath(new URL('../page/startup-probe.ts', import.meta.url))),
    ]);
    const targets: Target[] = [
      { name: 'control', url: control.url, selector: '#control' },
      { name: 'sign-in', url: signedOut.url, selector: '.login-screen form' },
      { name: 'room list', url: signedIn.url, selector: '.sidebar .room-list' },
    ];
    const loaded: Loaded[] = [];
    for (const target of targets) loaded.push(await firstLoad(browser, probe, target, o.idleAfterMs));
    const timings: StartupTiming[][] = targets.map(() => []);
    // Alternating, so that the machine's ups and downs fall on every page alike.
    for (let i = 0; i < o.runs; i++) for (const [t, l] of loaded.entries()) timings[t]!.push(await reloadOnce(l.page));
    const [controlRuns, signInRuns, roomRuns] = timings as [StartupTiming[], StartupTiming[], StartupTiming[]];
    const ready = (runs: StartupTiming[]) => spread(runs.map((r) => r.readyMs));
    const controlReady = ready(controlRuns);
    /** Page open → painted, against the 300 ms goal and the control, with what the first frame showed. */
    const opening = (id: string, label: string, runs: StartupTiming[]): Figure => {
      const painted = ready(runs);
      const firstPaint = spread(runs.map((r) => r.firstPaintMs));
      const firstShown = [...new Set(runs.map((r) => r.firstContent))].join(' / ');
      return {
        id,
        label,
        value: painted.median,
        unit: 'ms',
        goal: { max: 300, unit: 'ms' },
        compared: `${ratio(painted.median, controlReady.median)} the control; first paint ${fmt(firstPaint.median, 'ms')} showed: ${firstShown}`,
        sampled: sampledText(painted, 'ms'),
      };
    };
    const signInScripts = loaded[1]!.scripts;
    const bytes = rendererBytes(signInScripts);
    const bridge = signInScripts.get(BRIDGE_PATH) ?? 0;
    return {
      name: 'startup',
      title: '0. Opening the app in a browser (browser host, warm) and the JavaScript it loads before sign-in',
      figures: [
        opening('startup.sign-in', 'page open → sign-in screen painted', signInRuns),
        opening('startup.room-list', 'page open → room list painted (signed in)', roomRuns),
        {
          id: 'startup.control',
          label: 'control: a static page of one line, open → painted',
          value: controlReady.median,
          unit: 'ms',
          compared: 'what the browser and machine cost right now, not our code',
          sampled: sampledText(controlReady, 'ms'),
        },
        {
          id: 'startup.js-before-sign-in',
          label: 'renderer JavaScript fetched before sign-in',
          value: bytes / KB,
          unit: 'kB',
          goal: { max: 300, unit: 'kB' },
          compared: `${signInScripts.size - (bridge > 0 ? 1 : 0)} files; the host's bridge adds ${fmt(bridge / KB, 'kB')}; after sign-in the room list had fetched ${fmt(rendererBytes(loaded[2]!.scripts) / KB, 'kB')}`,
          sampled: `bytes of the response bodies, first load, ${o.idleAfterMs} ms idle on the sign-in screen`,
        },
      ],
      notes: [
        `Runs: ${o.runs} reloads of each page, alternating, after one first load of each that is not timed (warm: the host and Chromium already run, the files were read once). Each page is its own browser context.`,
        'Timed in the page from navigation start (performance.timeOrigin): checked at every animation frame until the sign-in form or the room list has a size, then to the end of that frame. "First paint" is Chromium\'s first-contentful-paint, and what the first frame with content showed: splash = the static loading splash of index.html (before any JavaScript), app-loading = the app\'s own "Starting…" line.',
        'Hosts: src/host startHost with an AccountRegistry on a fresh profile (sign-in) and one signed in as alice on startServer (seed demo) in this process; the control is a one-line HTML file from a plain local HTTP server.',
        `Bytes: the response bodies (uncompressed: the host sends no compression) of every script the page fetched on its first load until ${o.idleAfterMs} ms after the sign-in screen was painted, seen with Playwright's response events. The host's bridge (${BRIDGE_PATH}) is the browser host's stand-in for Electron's preload and is not counted as renderer.`,
      ],
      raw: { options: o, control: controlRuns, signIn: signInRuns, roomList: roomRuns, scripts: Object.fromEntries(signInScripts), roomListScripts: Object.fromEntries(loaded[2]!.scripts) },
    };
  } finally {
    await browser.close();
    await Promise.all(hosts.map((h) => h.close()));
    await control.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}
