import { describe, expect, it } from 'vitest';
import { debugSwitches } from '../../src/main/electron/debug-switches.js';

const login = JSON.stringify({ serverUrl: 'http://127.0.0.1:3000', user: 'alice', password: 'demo' });
const env = { OTRDESK_IPC_AUDIT: '/tmp/audit.jsonl', OTRDESK_DEMO_LOGIN: login };

describe('test and demo switches', () => {
  it('are ignored by the installed app, whatever the environment says', () => {
    expect(debugSwitches(env, true)).toEqual({});
  });

  it('work in a developer\'s checkout (the e2e suite and npm run demo)', () => {
    expect(debugSwitches(env, false)).toEqual({
      auditFile: '/tmp/audit.jsonl',
      demoLogin: { serverUrl: 'http://127.0.0.1:3000', user: 'alice', password: 'demo' },
    });
    expect(debugSwitches({}, false)).toEqual({});
  });

  it('ignore a demo login that is not the expected JSON instead of failing to start', () => {
    for (const raw of ['not json', 'null', '"alice"', '{"serverUrl":"x","user":"alice"}']) {
      expect(debugSwitches({ OTRDESK_DEMO_LOGIN: raw }, false)).toEqual({});
    }
  });
});
