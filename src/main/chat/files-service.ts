// The 'files.*' calls of one account: pictures and downloads through the file gate (the window never gets the
// token), uploads checked here first — never into a private (OTR) chat, never over the server's size limit, never
// into a room that refuses sends — then streamed from the window to the server with progress.
import type { Result } from '../../contract/calls.js';
import type { EventSink } from '../../contract/events.js';
import type { ErrorInfo, Room } from '../../contract/model.js';
import type { FileGate } from '../files/file-gate.js';
import { rcError, toErrorInfo } from '../rocketchat/errors.js';
import type { RocketChatClient } from '../rocketchat/types.js';
import { sendBlockError } from './room-fields.js';
import type { ChatHandlers } from './service.js';

/** Saves bytes where the user says (Electron: a save dialog); false when the user cancelled. */
export type SaveFile = (suggestedName: string, bytes: Uint8Array) => Promise<boolean>;

export interface FilesDeps {
  rc: RocketChatClient;
  emit: EventSink;
  gate: FileGate;
  saveFile?: SaveFile;
  room(roomId: string): Room | undefined;
  /** True when the DM is private or on its way there (any OTR phase but idle). */
  otrInUse(roomId: string): Promise<boolean>;
}

type FileHandlers = Pick<ChatHandlers, 'files.preview' | 'files.download' | 'files.startUpload' | 'files.cancelUpload'>;

/** Progress is told at most this often (every 2 % of the file). */
const PROGRESS_STEPS = 50;

export function fileHandlers(deps: FilesDeps): FileHandlers {
  const uploads = new Map<string, AbortController>();
  let uploadSeq = 0;
  const known = (roomId: string): Result<Room> => {
    const room = deps.room(roomId);
    return room ? { ok: true, value: room } : { ok: false, error: { code: 'not-found' } };
  };
  return {
    'files.preview': (roomId, path) => {
      const room = known(roomId);
      if (!room.ok) return Promise.resolve(room);
      return Promise.resolve({ ok: true, value: { src: deps.gate.picture(() => deps.rc.fetchFile(path)) } });
    },

    'files.download': async (roomId, path, name) => {
      const room = known(roomId);
      if (!room.ok) return room;
      const safeName = name.replace(/[/\\\0]/g, '_');
      if (!deps.saveFile) return { ok: true, value: { kind: 'href', href: deps.gate.download(safeName, () => deps.rc.fetchFile(path)) } };
      try {
        const bytes = new Uint8Array(await (await deps.rc.fetchFile(path)).arrayBuffer());
        return { ok: true, value: { kind: (await deps.saveFile(safeName, bytes)) ? 'saved' : 'cancelled' } };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    },

    'files.startUpload': async (roomId, request) => {
      const room = known(roomId);
      if (!room.ok) return room;
      if (room.value.sendBlock) return { ok: false, error: { code: sendBlockError(room.value.sendBlock) } };
      // Until encrypted files exist, nothing from a private chat is uploaded: it would travel in the clear.
      if (room.value.type === 'd' && (await deps.otrInUse(roomId))) return { ok: false, error: { code: 'upload-private' } };
      const limit = deps.rc.maxFileSize;
      if (request.size > limit) return { ok: false, error: { code: 'file-too-large', detail: String(limit) } };
      if (!deps.rc.acceptsMediaType(request.type)) return { ok: false, error: { code: 'file-type-refused' } };
      const uploadId = `u${(uploadSeq += 1).toString(36)}`;
      const controller = new AbortController();
      uploads.set(uploadId, controller);
      const total = request.size;
      let told = 0;
      const tell = (sent: number, end?: { done?: boolean; error?: ErrorInfo }) =>
        deps.emit('files.progress', { roomId, uploadId, sent, total, ...end });
      const target = deps.gate.upload(async (body) => {
        try {
          // OTR may have started since the check: the bytes still never go out in the clear.
          if (room.value.type === 'd' && (await deps.otrInUse(roomId))) throw rcError('upload-private');
          await deps.rc.upload(roomId, {
            name: request.name, type: request.type, size: total, body, signal: controller.signal,
            ...(request.threadId ? { threadId: request.threadId } : {}),
            onProgress: (sent) => {
              if (sent - told < total / PROGRESS_STEPS && sent < total) return;
              told = sent;
              tell(sent);
            },
          });
          tell(total, { done: true });
        } catch (error) {
          if (!controller.signal.aborted) tell(told, { error: toErrorInfo(error) });
          throw error;
        } finally {
          uploads.delete(uploadId);
        }
      });
      return { ok: true, value: { uploadId, target } };
    },

    'files.cancelUpload': (uploadId) => {
      uploads.get(uploadId)?.abort();
      uploads.delete(uploadId);
      return Promise.resolve({ ok: true, value: null });
    },
  };
}
