// The layer rules are part of the build: these prove that breaking one makes lint (and so `npm test`) fail.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: process.cwd(),
  // Only the layer rule: type information is not needed to see an import.
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  overrideConfig: { languageOptions: { parserOptions: { project: null, projectService: false } } },
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/src/x.tsx', "import { readFile } from 'node:fs/promises';"],
    ['src/renderer/src/x.tsx', "import path from 'path';"],
    ['src/renderer/src/x.tsx', "import otr from 'otr';"],
    ['src/renderer/src/x.tsx', "import { createAppCore } from '../../main/app-core.js';"],
    ['src/renderer/src/x.tsx', "import { isOtrWire } from '../../otr/wire.js';"],
    ['src/otr/rooms/x.ts', "import { app } from 'electron';"],
    ['src/otr/rooms/x.ts', "import { useState } from 'react';"],
    ['src/otr/rooms/x.ts', "import { x } from '../../main/chat/service.js';"],
    ['src/main/chat/x.ts', "import { BrowserWindow } from 'electron';"],
    ['src/main/rocketchat/x.ts', "import { safeStorage } from 'electron';"],
    ['src/contract/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/preload/x.ts', "import { x } from '../main/app-core.js';"],
    ['server/x.ts', "import { x } from '../src/otr/wire.js';"],
  ])('%s may not contain: %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/x.tsx', "import { type Api } from '../../contract/api.js';"],
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['src/main/chat/x.ts', "import { isOtrWire } from '../../otr/wire.js';"],
  ])('%s may contain: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
