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
      demoLogins: [{ serverUrl: 'http://127.0.0.1:3000', user: 'alice', password: 'demo' }],
    });
    expect(debugSwitches({}, false)).toEqual({});
  });

  it('take one demo login per server (alice is on two in the demo)', () => {
    const two = JSON.stringify([
      { serverUrl: 'http://127.0.0.1:3300', user: 'alice', password: 'demo' },
      { serverUrl: 'http://127.0.0.1:3301', user: 'alice', password: 'demo' },
    ]);
    expect(debugSwitches({ OTRDESK_DEMO_LOGIN: two }, false).demoLogins?.map((l) => l.serverUrl)).toEqual([
      'http://127.0.0.1:3300',
      'http://127.0.0.1:3301',
    ]);
  });

  it('ignore a demo login that is not the expected JSON instead of failing to start', () => {
    for (const raw of ['not json', 'null', '"alice"', '{"serverUrl":"x","user":"alice"}', '[]', '[{"serverUrl":"x"}]']) {
      expect(debugSwitches({ OTRDESK_DEMO_LOGIN: raw }, false)).toEqual({});
    }
  });
});
