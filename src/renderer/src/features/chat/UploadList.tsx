// Uploads on their way (with progress and Cancel) and the ones that were refused or failed (with why).
import { useLanguage, useT } from '../../store/context.js';
import { errorText } from '../../ui/error-text.js';
import { formatSize } from '../../ui/file-size.js';
import type { Upload } from './use-uploads.js';

export function UploadList(props: { uploads: Upload[]; onCancel: (upload: Upload) => void; onDismiss: (upload: Upload) => void }) {
  const t = useT();
  const language = useLanguage();
  if (props.uploads.length === 0) return null;
  return (
    <ul className="upload-list">
      {props.uploads.map((upload) => {
        if (upload.error) {
          const tooLarge = upload.error.code === 'file-too-large' && upload.error.detail;
          const line = tooLarge
            ? t('files.tooLarge', { name: upload.name, size: formatSize(language, upload.size), max: formatSize(language, Number(upload.error.detail)) })
            : t('files.failed', { name: upload.name, reason: errorText(t, { ...upload.error, detail: undefined }) });
          return (
            <li key={upload.key} className="upload upload-failed" role="alert">
              <span>{line}</span>
              <button type="button" onClick={() => props.onDismiss(upload)}>{t('files.dismiss')}</button>
            </li>
          );
        }
        const percent = upload.size > 0 ? Math.min(100, Math.round((upload.sent / upload.size) * 100)) : 0;
        const label = t('files.uploading', { name: upload.name, percent });
        return (
          <li key={upload.key} className="upload">
            <span>{label}</span>
            <progress max={100} value={percent} aria-label={label} />
            <button type="button" aria-label={t('files.cancelNamed', { name: upload.name })} onClick={() => props.onCancel(upload)}>
              {t('files.cancel')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
