// A centred line from the app in the chat. "Asked again" lines (a request that opened no dialog, after the
// user's No or too many requests) carry the way forward: Start, which answers the request if it still waits.
import type { NoticeCode } from '../../../../contract/model.js';
import { noticeKey } from '../../i18n/index.js';
import { useLanguage, useT } from '../../store/context.js';
import { formatDate } from '../../ui/date-format.js';
import { useOtrAction } from '../otr-ui/use-otr-action.js';

const ASKED: ReadonlySet<NoticeCode> = new Set(['otr-asked-again', 'otr-asked-too-often']);

/** `at`: the moment the line is about (when the peer asked, for a request that ended), in the locale's time format. */
export function NoticeLine(props: { roomId: string; notice: NoticeCode; peer: string; at: number }) {
  const t = useT();
  const language = useLanguage();
  const text = t(noticeKey(props.notice), { user: props.peer, time: formatDate(language, 'time', props.at) });
  if (!ASKED.has(props.notice)) return <p className="notice-line">{text}</p>;
  return (
    <p className="notice-line notice-actionable">
      {text} <StartButton roomId={props.roomId} />
    </p>
  );
}

function StartButton(props: { roomId: string }) {
  const t = useT();
  const { busy, act } = useOtrAction(props.roomId);
  return (
    <button type="button" disabled={busy} onClick={() => act((otr) => otr.start(props.roomId))}>
      {t('chat.askedAgain.start')}
    </button>
  );
}
