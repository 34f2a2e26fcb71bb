// Lint with typed rules, and the layer rules that keep the house standing:
// renderer → contract only; otr → no Electron/UI/Rocket.Chat; Electron only in main/electron and preload.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

const nodeImports = [
  { group: ['node:*'], message: 'Node APIs are not available here.' },
  ...NODE_BUILTINS.map((name) => ({ group: [name], message: 'Node APIs are not available here.' })),
];
const electronImport = { group: ['electron', 'electron/*'], message: 'Electron is imported only in src/main/electron and src/preload.' };
const uiImports = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], message: 'UI libraries belong to the renderer.' };
const otrLib = { group: ['otr'], message: 'The otr library lives behind src/otr/engine only.' };
const rcImports = { group: ['@rocket.chat/*', 'ws'], message: 'The Rocket.Chat connection lives in src/main/rocketchat.' };
const intoFolder = (folder, why) => ({ group: [`**/${folder}/**`, `**/${folder}`], message: why });

/** Builds a layer rule: a list of forbidden import patterns for a set of files. */
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', '.tmp/', 'reports/', 'test-results/', 'playwright-report/', 'patches/',
      'bench/results/', '**/*.cjs', 'tests/fixtures/**'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.e2e.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tests, scripts and the local server may be looser with untyped data; product code may not.
    files: ['tests/**', 'e2e/**', 'bench/**', 'scripts/**', 'server/**', '*.config.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Fakes implement async interfaces without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  layer(['src/renderer/**'], [
    ...nodeImports, electronImport, otrLib, rcImports,
    intoFolder('main', 'The renderer talks to main only through window.otrDesk (src/contract).'),
    intoFolder('otr', 'The renderer never sees OTR internals.'),
    intoFolder('preload', 'The renderer uses the api the preload exposes, not its code.'),
    intoFolder('host', 'The renderer cannot know whether it runs in Electron or the browser host.'),
    intoFolder('server', 'The renderer never talks to the server directly.'),
  ]),
  layer(['src/contract/**'], [
    ...nodeImports, electronImport, uiImports, otrLib, rcImports,
    intoFolder('main', 'The contract depends on nothing but zod.'),
    intoFolder('otr', 'The contract depends on nothing but zod.'),
    intoFolder('renderer', 'The contract depends on nothing but zod.'),
  ]),
  layer(['src/otr/**'], [
    electronImport, uiImports, rcImports,
    intoFolder('main', 'src/otr must not depend on the main process.'),
    intoFolder('renderer', 'src/otr must not depend on the UI.'),
  ]),
  layer(['src/main/chat/**', 'src/main/rocketchat/**', 'src/main/ipc/**', 'src/main/storage/**', 'src/main/desktop/**', 'src/main/*.ts'], [
    electronImport, uiImports,
    intoFolder('renderer', 'Main never imports the UI.'),
    intoFolder('electron', 'Pure main-process code must run in the browser host too.'),
  ]),
  layer(['src/main/electron/**'], [uiImports, intoFolder('renderer', 'Main never imports the UI.')]),
  layer(['src/preload/**'], [
    ...nodeImports, uiImports, otrLib, rcImports,
    intoFolder('main', 'The preload only forwards contract calls.'),
    intoFolder('otr', 'The preload only forwards contract calls.'),
    intoFolder('renderer', 'The preload only forwards contract calls.'),
  ]),
  layer(['src/host/**'], [electronImport, uiImports, intoFolder('renderer', 'The host serves the built renderer; it does not import it.')]),
  layer(['server/**'], [
    electronImport, uiImports, otrLib,
    intoFolder('src', 'The local server stands alone, like a real Rocket.Chat server.'),
  ]),
);
