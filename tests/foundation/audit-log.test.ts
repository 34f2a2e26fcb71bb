import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAuditLog, REDACTED, redactCall } from '../../src/main/ipc/audit-log.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'audit-'));

describe('the IPC audit file', () => {
  it('is created new and readable by its owner only', () => {
    const file = join(dir(), 'audit.jsonl');
    const log = openAuditLog(file);
    log.record('in', { name: 'session.get', args: [] });
    log.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ direction: 'in', frame: { name: 'session.get', args: [] } });
  });

  it('refuses a file or a link that already exists, and leaves it as it was', () => {
    const folder = dir();
    const existing = join(folder, 'existing');
    writeFileSync(existing, 'keep me', { mode: 0o644 });
    expect(() => openAuditLog(existing)).toThrow(/EEXIST/);
    const link = join(folder, 'link');
    symlinkSync(existing, link);
    expect(() => openAuditLog(link)).toThrow(/EEXIST/);
    expect(readFileSync(existing, 'utf8')).toBe('keep me');
  });

  it('never holds a password, sign-in code, token or SMP secret', () => {
    const secrets = [
      { name: 'auth.login', args: [{ serverUrl: 'https://chat.example', user: 'alice', password: 'hunter2' }] },
      { name: 'auth.submitTotp', args: ['123456'] },
      { name: 'auth.loginWithToken', args: [{ serverUrl: 'https://chat.example', userId: 'u1', token: 'tok-secret' }] },
      { name: 'otr.smpStart', args: ['r1', 'the red door', 'Which door?'] },
      { name: 'otr.smpAnswer', args: ['r1', 'the red door'] },
    ];
    for (const frame of secrets) expect(redactCall(frame)).toEqual({ name: frame.name, args: REDACTED });
    const plain = { id: 3, name: 'chat.send', args: ['r1', 'hello'] };
    expect(redactCall(plain)).toBe(plain);
    expect(redactCall({ id: 4, name: 'auth.logout', args: [] })).toEqual({ id: 4, name: 'auth.logout', args: REDACTED });
  });
});
