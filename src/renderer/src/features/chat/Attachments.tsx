// The files of a message: pictures drawn from a one-time address main answers (the window never gets the token),
// every file with its name, size and a Download button (a save dialog on the desktop, a download in a browser).
import { useEffect, useState } from 'react';
import type { FileAttachment, Message } from '../../../../contract/model.js';
import { useApi, useApp, useLanguage, useT } from '../../store/context.js';
import { formatSize } from '../../ui/file-size.js';

export function Attachments(props: { message: Message }) {
  const files = props.message.files;
  if (!files || files.length === 0) return null;
  return (
    <ul className="attachments">
      {files.map((file, index) => (
        <li key={`${file.path ?? file.name}-${index}`} className="attachment">
          {file.image && file.path && <Picture roomId={props.message.roomId} file={file} path={file.path} />}
          <FileLine roomId={props.message.roomId} file={file} />
        </li>
      ))}
    </ul>
  );
}

function Picture(props: { roomId: string; file: FileAttachment; path: string }) {
  const t = useT();
  const api = useApi();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void api.files.preview(props.roomId, props.path).then((result) => {
      if (!live) return;
      if (result.ok) setSrc(result.value.src);
      else setFailed(true);
    });
    return () => {
      live = false;
    };
  }, [api, props.roomId, props.path]);
  if (failed) return <p className="attachment-failed">{t('files.pictureFailed')}</p>;
  const { width, height } = props.file;
  return (
    <div className="attachment-picture" style={width && height ? { aspectRatio: `${width} / ${height}` } : undefined}>
      {src && <img src={src} alt={t('files.picture', { name: props.file.name })} onError={() => setFailed(true)} />}
    </div>
  );
}

function FileLine(props: { roomId: string; file: FileAttachment }) {
  const t = useT();
  const api = useApi();
  const language = useLanguage();
  const showProblem = useApp((s) => s.showProblem);
  const [saved, setSaved] = useState(false);
  const { file } = props;
  const download = async () => {
    if (!file.path) return;
    const result = await api.files.download(props.roomId, file.path, file.name);
    if (!result.ok) {
      showProblem(result.error);
      return;
    }
    if (result.value.kind === 'href') {
      // Browser host: the page downloads from a one-time address on its own origin.
      const link = document.createElement('a');
      link.href = result.value.href;
      link.download = file.name;
      link.click();
    }
    setSaved(result.value.kind !== 'cancelled');
  };
  return (
    <p className="attachment-line">
      <span className="attachment-name">{file.name}</span>
      {file.size !== undefined && <span className="attachment-size">{formatSize(language, file.size)}</span>}
      {file.path && (
        <button type="button" className="link-button" aria-label={t('files.downloadNamed', { name: file.name })} onClick={() => void download()}>
          {t('files.download')}
        </button>
      )}
      {saved && <span className="attachment-saved" role="status">{t('files.saved')}</span>}
    </p>
  );
}
