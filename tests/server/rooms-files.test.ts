// Threads, uploads and authenticated downloads, archived rooms and the upload setting, as Rocket.Chat has them.
import { describe, expect, it } from 'vitest';

import { startServer } from '../../server/index.js';
import { samplePdf, samplePng } from '../../server/store/sample-files.js';
import { useDemoServer } from './server-scope.js';

const scope = useDemoServer();

async function restLogin(url: string, user: string): Promise<{ userId: string; authToken: string }> {
  const response = await fetch(`${url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password: 'demo' }) });
  const body = (await response.json()) as { data: { userId: string; authToken: string } };
  return body.data;
}

function form(name: string, type: string, bytes: Buffer, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append('file', new Blob([bytes], { type }), name);
  return data;
}

const auth = (who: { userId: string; authToken: string }) => ({ 'X-User-Id': who.userId, 'X-Auth-Token': who.authToken });

describe('threads', () => {
  it('a reply counts on its parent (tcount, tlm, replies, re-sent on the room stream) and getThreadMessages gives parent then replies newest first', async () => {
    const alice = await scope.login('alice');
    const bob = await scope.login('bob');
    const rid = scope.server.admin.directRoom('alice', 'bob');
    await alice.stream('stream-room-messages', rid);
    const parent = await alice.ok('sendMessage', { rid, msg: 'Lunch?' }) as { _id: string };
    const from = alice.frames.length;
    const first = await bob.ok('sendMessage', { rid, msg: 'Yes', tmid: parent._id }) as { _id: string; ts: unknown };
    await bob.ok('sendMessage', { rid, msg: 'At noon', tmid: parent._id, tshow: true });
    const resent = await alice.waitFor((f) => f.msg === 'changed' && f.fields?.args?.[0]?._id === parent._id && f.fields.args[0].tcount === 2, from);
    expect(resent.fields?.args?.[0]).toMatchObject({ tcount: 2, replies: [alice.uid, bob.uid] });
    const thread = await alice.ok('getThreadMessages', { tmid: parent._id }) as { _id: string; msg: string; tshow?: boolean }[];
    expect(thread.map((m) => m.msg)).toEqual(['Lunch?', 'At noon', 'Yes']);
    expect(thread[0]?._id).toBe(parent._id);
    // Only the reply shown in the room comes with a history that hides thread messages.
    const history = await alice.ok('loadHistory', rid, null, 10, null, false) as { messages: { _id: string }[] };
    expect(history.messages.map((m) => m._id)).not.toContain(first._id);
    expect((await alice.call('getThreadMessages', { tmid: parent._id, limit: 101 })).error).toMatchObject({ error: 'error-not-allowed' });
  });
});

describe('uploads and downloads', () => {
  it('rooms.media + rooms.mediaConfirm store the file and send it as a message with attachments; /file-upload needs the credentials', async () => {
    const { url } = scope.server;
    const alice = await restLogin(url, 'alice');
    const rid = scope.server.admin.directRoom('alice', 'bob');
    const png = samplePng(40, 30);
    const media = await fetch(`${url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: auth(alice), body: form('pic.png', 'image/png', png) });
    const stored = (await media.json()) as { file: { _id: string; url: string }; success: boolean };
    expect(stored).toMatchObject({ success: true, file: { url: `/file-upload/${stored.file._id}/pic.png` } });
    const confirmed = await fetch(`${url}/api/v1/rooms.mediaConfirm/${rid}/${stored.file._id}`, {
      method: 'POST', headers: { ...auth(alice), 'content-type': 'application/json' }, body: JSON.stringify({ msg: '' }),
    });
    const { message } = (await confirmed.json()) as { message: Record<string, unknown> };
    expect(message).toMatchObject({
      msg: '', file: { name: 'pic.png', type: 'image/png', size: png.length },
      attachments: [{ title: 'pic.png', type: 'file', title_link: stored.file.url, title_link_download: true, image_url: stored.file.url,
        image_type: 'image/png', image_size: png.length, image_dimensions: { width: 40, height: 30 } }],
    });
    const fileUrl = `${url}${stored.file.url}`;
    expect((await fetch(fileUrl)).status).toBe(403);
    expect((await fetch(fileUrl, { headers: { 'X-User-Id': alice.userId, 'X-Auth-Token': 'wrong' } })).status).toBe(403);
    const byHeaders = await fetch(fileUrl, { headers: auth(alice) });
    expect(byHeaders.status).toBe(200);
    expect(byHeaders.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await byHeaders.arrayBuffer()).equals(png)).toBe(true);
    const byCookies = await fetch(fileUrl, { headers: { cookie: `rc_uid=${alice.userId}; rc_token=${alice.authToken}` } });
    expect(byCookies.status).toBe(200);
    // Signed in, but not a member of the room (FileUpload_Restrict_to_room_members).
    const carol = await restLogin(url, 'carol');
    expect((await fetch(fileUrl, { headers: auth(carol) })).status).toBe(403);
    expect((await fetch(`${url}/file-upload/nope/x.png`, { headers: auth(alice) })).status).toBe(404);
  });

  it('rooms.upload exists below 7.0 only (one step, a PDF as a file with its format); 8.x answers 404', async () => {
    const old = await startServer({ seed: 'demo', version: '6.13.0' });
    try {
      const alice = await restLogin(old.url, 'alice');
      const rid = old.admin.directRoom('alice', 'bob');
      const pdf = samplePdf();
      const answer = await fetch(`${old.url}/api/v1/rooms.upload/${rid}`, { method: 'POST', headers: auth(alice), body: form('a.pdf', 'application/pdf', pdf, { msg: 'the agenda' }) });
      expect(await answer.json()).toMatchObject({ success: true, message: { msg: 'the agenda', attachments: [{ title: 'a.pdf', format: 'PDF', size: pdf.length }] } });
    } finally {
      await old.close();
    }
    const alice = await restLogin(scope.server.url, 'alice');
    const rid = scope.server.admin.directRoom('alice', 'bob');
    const gone = await fetch(`${scope.server.url}/api/v1/rooms.upload/${rid}`, { method: 'POST', headers: auth(alice), body: form('a.pdf', 'application/pdf', samplePdf()) });
    expect(gone.status).toBe(404);
  });

  it('FileUpload_MaxFileSize is public (Rocket.Chat default 100 MiB) and a larger file is refused with error-file-too-large', async () => {
    const alice = await scope.login('alice');
    const settings = await alice.ok('public-settings/get') as { _id: string; value: unknown }[];
    expect(settings.find((s) => s._id === 'FileUpload_MaxFileSize')?.value).toBe(104_857_600);
    const small = await startServer({ seed: 'demo', maxFileSize: 100 });
    try {
      const who = await restLogin(small.url, 'alice');
      const rid = small.admin.directRoom('alice', 'bob');
      const answer = await fetch(`${small.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: auth(who), body: form('big.png', 'image/png', samplePng()) });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ success: false, errorType: 'error-file-too-large' });
    } finally {
      await small.close();
    }
  });
});

describe('uploads are refused where Rocket.Chat refuses them', () => {
  it('the REST limiter keys rooms.media by its route: calls naming different rooms share one allowance', async () => {
    const server = await startServer({ seed: 'demo' });
    try {
      const answers: number[] = [];
      // Counted before the credentials are looked at, as our limiter does: eleven rooms, one route.
      for (let i = 0; i < 11; i++) answers.push((await fetch(`${server.url}/api/v1/rooms.media/room-${i}`, { method: 'POST' })).status);
      expect(answers.slice(0, 10).every((status) => status !== 429)).toBe(true);
      expect(answers[10]).toBe(429);
    } finally {
      await server.close();
    }
  });

  it('an SVG is refused by the default media type blacklist, which is public', async () => {
    const server = await startServer({ seed: 'demo' });
    try {
      const alice = await restLogin(server.url, 'alice');
      const rid = server.admin.directRoom('alice', 'bob');
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      const answer = await fetch(`${server.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: auth(alice), body: form('x.svg', 'image/svg+xml', svg) });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ success: false, errorType: 'error-invalid-file-type' });
      const settings = await (await fetch(`${server.url}/api/v1/settings.public?_id=FileUpload_MediaTypeBlackList`)).json() as { settings: { _id: string; value: unknown }[] };
      expect(settings.settings.find((s) => s._id === 'FileUpload_MediaTypeBlackList')?.value).toBe('image/svg+xml');
    } finally {
      await server.close();
    }
  });

  it('mediaConfirm refuses a description longer than Message_MaxAllowedSize; a download never pairs a query uid with a cookie token', async () => {
    const server = await startServer({ seed: 'demo', maxMessageSize: 10 });
    try {
      const alice = await restLogin(server.url, 'alice');
      const rid = server.admin.directRoom('alice', 'bob');
      const media = await fetch(`${server.url}/api/v1/rooms.media/${rid}`, { method: 'POST', headers: auth(alice), body: form('pic.png', 'image/png', samplePng(4, 4)) });
      const stored = (await media.json()) as { file: { _id: string; url: string } };
      const confirm = (description: string) => fetch(`${server.url}/api/v1/rooms.mediaConfirm/${rid}/${stored.file._id}`, {
        method: 'POST', headers: { ...auth(alice), 'content-type': 'application/json' }, body: JSON.stringify({ msg: '', description }),
      });
      const tooLong = await confirm('a description of more than ten characters');
      expect(tooLong.status).toBe(400);
      expect(await tooLong.json()).toMatchObject({ success: false, errorType: 'error-message-size-exceeded' });
      expect((await confirm('short')).status).toBe(200);
      const fileUrl = `${server.url}${stored.file.url}`;
      expect((await fetch(`${fileUrl}?rc_uid=${alice.userId}`, { headers: { cookie: `rc_token=${alice.authToken}` } })).status).toBe(403);
      expect((await fetch(`${fileUrl}?rc_uid=${alice.userId}&rc_token=${alice.authToken}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('archived rooms', () => {
  it('mark every subscription archived, and a send answers nothing and tells the sender why', async () => {
    const carol = await scope.login('carol');
    const rid = scope.server.admin.directRoom('carol', 'bob');
    scope.server.admin.setArchived(rid, true);
    const subs = await carol.ok('subscriptions/get') as { rid: string; archived?: boolean }[];
    expect(subs.find((s) => s.rid === rid)?.archived).toBe(true);
    await carol.stream('stream-notify-user', `${carol.uid}/message`);
    const from = carol.frames.length;
    expect(await carol.call('sendMessage', { rid, msg: 'anyone?' })).toMatchObject({ result: undefined });
    const notice = await carol.waitFor((f) => f.msg === 'changed' && f.fields?.eventName === `${carol.uid}/message`, from);
    expect(notice.fields?.args?.[0]).toMatchObject({ msg: 'This room is archived', rid });
    expect(scope.server.records.messages().some((m) => m.msg === 'anyone?')).toBe(false);
  });
});
