// Uploads from the composer: main checks each one first (private chat, size limit, a room that refuses sends),
// then the bytes go to a one-time address on the app's own origin; progress comes back as events.
import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../contract/model.js';
import { useApi } from '../../store/context.js';

export interface Upload {
  /** Ours until main gave its id. */
  key: string;
  uploadId?: string;
  name: string;
  size: number;
  sent: number;
  error?: ErrorInfo;
}

let keySeq = 0;

export function useUploads(roomId: string, threadId?: string) {
  const api = useApi();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const patch = useCallback((key: string, change: Partial<Upload> | null) => {
    setUploads((list) => (change === null ? list.filter((u) => u.key !== key) : list.map((u) => (u.key === key ? { ...u, ...change } : u))));
  }, []);

  useEffect(() => api.on('files.progress', (event) => {
    if (event.roomId !== roomId) return;
    setUploads((list) => list.flatMap((u) => {
      if (u.uploadId !== event.uploadId) return [u];
      if (event.done) return [];
      return [{ ...u, sent: event.sent, ...(event.error ? { error: event.error } : {}) }];
    }));
  }), [api, roomId]);

  const start = useCallback(async (file: File) => {
    const key = `up-${(keySeq += 1)}`;
    setUploads((list) => [...list, { key, name: file.name || 'file', size: file.size, sent: 0 }]);
    const request = { name: file.name || 'file', type: file.type, size: file.size, ...(threadId ? { threadId } : {}) };
    const started = await api.files.startUpload(roomId, request);
    if (!started.ok) {
      patch(key, { error: started.error });
      return;
    }
    patch(key, { uploadId: started.value.uploadId });
    // The answer only ends the request: success and failure both arrive as 'files.progress'.
    await fetch(started.value.target, { method: 'POST', body: file }).catch(() => undefined);
  }, [api, roomId, threadId, patch]);

  const cancel = useCallback((upload: Upload) => {
    if (upload.uploadId) void api.files.cancelUpload(upload.uploadId);
    patch(upload.key, null);
  }, [api, patch]);

  return { uploads, start, cancel, dismiss: (upload: Upload) => patch(upload.key, null) };
}
