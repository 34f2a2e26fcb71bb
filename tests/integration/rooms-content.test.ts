// What real rooms hold, through a whole account core against the local server's #showcase: threads, pictures and
// files (fetched with the user's credentials by main), E2E rooms, group DMs, rooms that refuse sends, and the rule
// that nothing from a private (OTR) chat is ever uploaded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../src/contract/events.js';
import type { Message, Room } from '../../src/contract/model.js';
import { createAppCore, type AppCore } from '../../src/main/app-core.js';
import { FileGate } from '../../src/main/files/file-gate.js';
import { startServer } from '../../server/index.js';
import { samplePdf, samplePng } from '../../server/store/sample-files.js';

type Server = Awaited<ReturnType<typeof startServer>>;

interface Party {
  core: AppCore;
  gate: FileGate;
  saved: { name: string; bytes: Uint8Array }[];
  events: { name: EventName; payload: unknown }[];
  until<T>(find: () => T | undefined): Promise<T>;
  messages(roomId: string): Message[];
  room(name: string): Room;
}

async function party(server: Server, user: string, withSaveDialog = false): Promise<Party> {
  const events: { name: EventName; payload: unknown }[] = [];
  const saved: { name: string; bytes: Uint8Array }[] = [];
  const gate = new FileGate();
  const emit = <K extends EventName>(name: K, payload: EventPayload<K>) => void events.push({ name, payload });
  const saveFile = withSaveDialog ? (name: string, bytes: Uint8Array) => Promise.resolve(saved.push({ name, bytes }) > 0) : undefined;
  const core = await createAppCore({ profileDir: mkdtempSync(join(tmpdir(), `${user}-`)), emit, files: gate, saveFile });
  expect(await core.handlers['auth.login']({ serverUrl: server.url, user, password: 'demo' })).toMatchObject({ ok: true });
  const until = async <T,>(find: () => T | undefined): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`${user}: waited in vain`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const room = (name: string) => {
    const found = core.rooms().find((r) => r.name === name || r.displayName === name);
    if (!found) throw new Error(`${user} has no room ${name}`);
    return found;
  };
  await until(() => (core.rooms().some((r) => r.name === 'showcase') ? true : undefined));
  const messages = (roomId: string) => events.filter((e) => e.name === 'chat.message').map((e) => e.payload as Message).filter((m) => m.roomId === roomId);
  return { core, gate, saved, events, until, messages, room };
}

const value = <T,>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.value;
};
const serve = async (gate: FileGate, path: string, init?: RequestInit & { duplex?: 'half' }) => gate.serve(new Request(`app://otrdesk${path}`, init));

let server: Server;
let alice: Party;
let bob: Party;

beforeAll(async () => {
  server = await startServer({ seed: 'demo', seedShowcase: true });
  [alice, bob] = await Promise.all([party(server, 'alice', true), party(server, 'bob')]);
});

afterAll(async () => {
  await alice?.core.dispose();
  await bob?.core.dispose();
  await server?.close();
});

describe('threads', () => {
  it('the parent says how many replies; only a reply shown in the room is in it; the thread opens and takes a reply, live at the other side', async () => {
    const showcase = alice.room('showcase');
    const page = value(await alice.core.handlers['rooms.open'](showcase.id));
    const parent = page.messages.find((m) => m.text === 'Lunch on Friday? Answer in the thread');
    expect(parent?.thread).toMatchObject({ count: 2 });
    expect(page.messages.some((m) => m.text === 'Friday works for me')).toBe(false);
    expect(page.messages.find((m) => m.text === 'Me too, 12:30?')).toMatchObject({ threadId: parent?.id, inRoom: true });
    const thread = value(await alice.core.handlers['threads.open'](showcase.id, parent?.id ?? ''));
    expect(thread.map((m) => m.text)).toEqual(['Lunch on Friday? Answer in the thread', 'Friday works for me', 'Me too, 12:30?']);
    value(await bob.core.handlers['rooms.open'](showcase.id));
    const reply = value(await alice.core.handlers['threads.reply'](showcase.id, parent?.id ?? '', 'I will book a table'));
    expect(reply).toMatchObject({ threadId: parent?.id, own: true });
    await alice.until(() => alice.messages(showcase.id).find((m) => m.id === reply.id && m.status === 'sent'));
    // Our own reply counts on the parent too.
    await alice.until(() => alice.messages(showcase.id).find((m) => m.id === parent?.id && m.thread?.count === 3));
    // Live at bob's: the reply carries its thread (the window keeps it out of the room) and the parent counts 3.
    await bob.until(() => bob.messages(showcase.id).find((m) => m.text === 'I will book a table' && m.threadId === parent?.id));
    await bob.until(() => bob.messages(showcase.id).find((m) => m.id === parent?.id && m.thread?.count === 3));
  });
});

describe('files', () => {
  it('uploads a picture and a PDF with progress; main shows the picture and saves the PDF with the credentials the window never sees', async () => {
    const room = alice.room('general');
    value(await alice.core.handlers['rooms.open'](room.id));
    const png = samplePng(64, 48);
    const pdf = samplePdf('Minutes');
    for (const [name, type, bytes] of [['view.png', 'image/png', png], ['minutes.pdf', 'application/pdf', pdf]] as const) {
      const { uploadId, target } = value(await alice.core.handlers['files.startUpload'](room.id, { name, type, size: bytes.length }));
      expect(target).toMatch(/^\/__upload\/[0-9a-f]{64}$/);
      const answer = await serve(alice.gate, target, { method: 'POST', body: new Blob([bytes]).stream(), duplex: 'half' });
      expect(answer.status).toBe(204);
      const progress = alice.events.filter((e) => e.name === 'files.progress').map((e) => e.payload as EventPayload<'files.progress'>);
      expect(progress.filter((p) => p.uploadId === uploadId).at(-1)).toMatchObject({ done: true, sent: bytes.length, total: bytes.length });
      // A one-time address is used once.
      expect((await serve(alice.gate, target, { method: 'POST', body: 'x' })).status).toBe(404);
    }
    const picture = await bob.until(() => bob.messages(room.id).find((m) => m.files?.[0]?.name === 'view.png'));
    const pdfMessage = await bob.until(() => bob.messages(room.id).find((m) => m.files?.[0]?.name === 'minutes.pdf'));
    expect(picture.files?.[0]).toMatchObject({ image: true, type: 'image/png', size: png.length, width: 64, height: 48 });
    expect(pdfMessage.files?.[0]).toMatchObject({ image: false, size: pdf.length, path: expect.stringMatching(/^\/file-upload\//) });

    // The picture: bob's main fetches it with bob's credentials; the window gets an address on its own origin.
    const { src } = value(await bob.core.handlers['files.preview'](room.id, picture.files?.[0]?.path ?? ''));
    expect(src).toMatch(/^\/__files\/[0-9a-f]{64}$/);
    const shown = await serve(bob.gate, src);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
    // Without the user's credentials the server refuses the same file.
    expect((await fetch(`${server.url}${picture.files?.[0]?.path ?? ''}`)).status).toBe(403);
    // A PDF is never shown inline on the app's origin.
    const { src: pdfSrc } = value(await bob.core.handlers['files.preview'](room.id, pdfMessage.files?.[0]?.path ?? ''));
    expect((await serve(bob.gate, pdfSrc)).status).toBe(415);

    // Download, browser host (no save dialog): a one-time address serving an attachment.
    const link = value(await bob.core.handlers['files.download'](room.id, pdfMessage.files?.[0]?.path ?? '', 'minutes.pdf'));
    if (link.kind !== 'href') throw new Error('expected an address');
    const downloaded = await serve(bob.gate, link.href);
    expect(downloaded.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''minutes.pdf");
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(pdf)).toBe(true);
    // Download, desktop: through the save dialog.
    expect(value(await alice.core.handlers['files.download'](room.id, pdfMessage.files?.[0]?.path ?? '', 'minutes.pdf'))).toEqual({ kind: 'saved' });
    expect(Buffer.from(alice.saved[0]?.bytes ?? []).equals(pdf)).toBe(true);
  });

  it('Cancel stops an upload on its way: nothing is stored and no message appears', async () => {
    const room = alice.room('general');
    const stored = server.records.messages().length;
    const { uploadId, target } = value(await alice.core.handlers['files.startUpload'](room.id, { name: 'slow.bin', type: '', size: 2_000_000 }));
    let pulled = 0;
    // The window's bytes: a first chunk, then nothing more (a slow disk or network) until the user cancels.
    const body = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        pulled += 1;
        if (pulled === 1) controller.enqueue(new Uint8Array(1_000_000));
        else await new Promise(() => undefined);
      },
    });
    const answer = serve(alice.gate, target, { method: 'POST', body, duplex: 'half' });
    await alice.until(() => (pulled > 1 ? true : undefined));
    value(await alice.core.handlers['files.cancelUpload'](uploadId));
    expect((await answer).status).toBe(409);
    const told = alice.events.filter((e) => e.name === 'files.progress').map((e) => e.payload as EventPayload<'files.progress'>).filter((p) => p.uploadId === uploadId);
    expect(told.some((p) => p.done === true || p.error !== undefined)).toBe(false);
    expect(server.records.messages().length).toBe(stored);
  });

  it('refuses an upload over FileUpload_MaxFileSize before a byte is sent', async () => {
    const room = alice.room('general');
    const result = await alice.core.handlers['files.startUpload'](room.id, { name: 'huge.bin', type: '', size: 104_857_601 });
    expect(result).toEqual({ ok: false, error: { code: 'file-too-large', detail: '104857600' } });
  });

  it('refuses an SVG before a byte is sent, as the server\'s public media type blacklist says (Rocket.Chat\'s default)', async () => {
    const room = alice.room('general');
    const stored = server.records.messages().length;
    const result = await alice.core.handlers['files.startUpload'](room.id, { name: 'logo.svg', type: 'image/svg+xml', size: 300 });
    expect(result).toEqual({ ok: false, error: { code: 'file-type-refused' } });
    expect(server.records.messages().length).toBe(stored);
  });
});

describe('rooms that are not plain', () => {
  it('an E2E room: its messages say what they are (never the ciphertext) and a send is refused in words, not silently', async () => {
    const e2e = alice.room('carol');
    expect(e2e.sendBlock).toBe('e2e');
    const page = value(await alice.core.handlers['rooms.open'](e2e.id));
    expect(page.messages).toEqual([expect.objectContaining({ kind: 'e2e', text: '' })]);
    expect(await alice.core.handlers['chat.send'](e2e.id, 'hello')).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(await alice.core.handlers['otr.start'](e2e.id)).toEqual({ ok: false, error: { code: 'not-allowed' } });
    expect(await alice.core.handlers['files.startUpload'](e2e.id, { name: 'a.png', type: 'image/png', size: 3 })).toMatchObject({ ok: false });
  });

  it('a group DM lists all the others, has no peer, and OTR refuses to start there', async () => {
    const group = alice.core.rooms().find((r) => r.type === 'd' && r.members !== undefined);
    expect(group?.displayName).toMatch(/^(Bob, Carol|Carol, Bob)$/);
    expect([...(group?.members ?? [])].sort()).toEqual(['bob', 'carol']);
    expect(group?.peer).toBeUndefined();
    expect(await alice.core.handlers['otr.start'](group?.id ?? '')).toMatchObject({ ok: false, error: { code: 'otr-not-direct' } });
    const page = value(await alice.core.handlers['rooms.open'](group?.id ?? ''));
    expect(page.messages[0]).toMatchObject({ kind: 'text', author: { username: 'bob' } });
  });

  it('read-only, archived and muted rooms say so, and a send there is refused with the reason', async () => {
    for (const [name, block, code] of [['announcements', 'read-only', 'room-read-only'], ['old-project', 'archived', 'room-archived'], ['quiet-room', 'muted', 'muted']] as const) {
      const room = alice.room(name);
      expect(room.sendBlock).toBe(block);
      expect(await alice.core.handlers['chat.send'](room.id, 'hi')).toEqual({ ok: false, error: { code } });
    }
  });
});

describe('private chats', () => {
  it('in a private (OTR) chat an upload is refused and nothing is uploaded', async () => {
    const dm = value(await alice.core.handlers['rooms.startDirect']('bob'));
    await bob.until(() => bob.core.rooms().find((r) => r.id === dm.id));
    value(await alice.core.handlers['rooms.open'](dm.id));
    value(await bob.core.handlers['rooms.open'](dm.id));
    value(await alice.core.handlers['otr.start'](dm.id));
    await bob.until(() => (bob.events.some((e) => e.name === 'otr.changed' && (e.payload as { phase: string }).phase === 'incoming') ? true : undefined));
    value(await bob.core.handlers['otr.accept'](dm.id));
    await alice.until(() => (alice.events.some((e) => e.name === 'otr.changed' && (e.payload as { roomId: string; phase: string }).roomId === dm.id
      && (e.payload as { phase: string }).phase === 'private') ? true : undefined));
    const refused = await alice.core.handlers['files.startUpload'](dm.id, { name: 'secret.pdf', type: 'application/pdf', size: 10 });
    expect(refused).toEqual({ ok: false, error: { code: 'upload-private' } });
    expect(await alice.core.handlers['threads.reply'](dm.id, 'x'.repeat(17), 'psst')).toMatchObject({ ok: false, error: { code: 'otr-blocked' } });
    // The DM holds the OTR conversation's wire messages only: no file message went out.
    expect(server.records.messages().filter((m) => m.rid === dm.id).every((m) => m.msg.startsWith('?OTR'))).toBe(true);
  });
});
