// The room history, virtualised: only rows in view are in the DOM, so 10 000 messages stay smooth.
// Scrolling near the top loads older messages and keeps the row the user was reading in place.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp, useLanguage, useT } from '../../store/context.js';
import { formatDate } from '../../ui/date-format.js';
import { JumpContext, type Jump } from './message-body/jump.js';
import { MessageRow } from './MessageRow.js';
import { buildRows, dayKey, estimateRowPx, relativeDay, type Row } from './rows.js';

/** Start loading older messages this close to the top, so the user rarely sees the edge. */
const LOAD_OLDER_PX = 300;
/** Counts as "at the bottom": new messages keep the view pinned to the end. */
const BOTTOM_SLACK_PX = 48;
/** Room above the first row for "This is the start of the conversation", which scrolls with the messages. */
const START_LINE_PX = 32;
/** A quote's original is sought this many older pages back (a server page or a window of what main holds), then given up. */
const SEEK_PAGES = 10;

export function MessageList(props: { roomId: string; peer: string }) {
  // Mounted afresh once the history has arrived, so the virtualiser is created knowing every row and starts at
  // the newest (initialOffset). Created before, it rendered and measured the oldest rows first and reached the
  // end only in a second render after its scroll event (a fifth of the time to a room's first screen).
  const loaded = useApp((s) => s.chats[props.roomId]?.loaded === true);
  return loaded ? <MessageHistory {...props} /> : <HistoryLoading />;
}

/**
 * The pane until the history arrives: its status line and an empty list, with no virtualiser. One created here
 * measured the empty list inside the click (a forced layout of the whole chat) only to be replaced with the rows.
 */
function HistoryLoading() {
  const t = useT();
  const keygen = useApp((s) => s.keygen);
  return (
    <div className="message-pane">
      {/* A direct chat opens once the first encryption key exists; on a fresh profile that takes seconds. */}
      <p className="history-edge" role="status">
        {keygen === 'generating' ? t('chat.preparingKey') : t('chat.loadingHistory')}
      </p>
      <div className="message-scroll" tabIndex={0} role="region" aria-label={t('chat.messages')} />
    </div>
  );
}

function MessageHistory(props: { roomId: string; peer: string }) {
  const t = useT();
  const chat = useApp((s) => s.chats[props.roomId]);
  const loadOlder = useApp((s) => s.loadOlder);
  const messages = chat?.messages;
  // Thread replies live in the thread panel; only those the author also showed in the room appear here.
  const rows = useMemo(() => buildRows((messages ?? []).filter((m) => m.threadId === undefined || m.inRoom === true)), [messages]);
  // Each row's height guess once per history: the first size pass and the starting offset both use it.
  const estimates = useMemo(() => rows.map(estimateRowPx), [rows]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** The row the user was looking at when older messages were requested, and its offset in the view. */
  const anchor = useRef<{ key: string; offset: number } | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimates[index] ?? estimateRowPx(undefined),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    paddingStart: START_LINE_PX,
    // A room opens at its newest message: start there instead of settling down from the top frame by frame.
    initialOffset: () => estimates.reduce((sum, px) => sum + px, START_LINE_PX),
  });

  // Keep the reading position after older rows were put in front.
  useLayoutEffect(() => {
    const saved = anchor.current;
    const element = scrollRef.current;
    if (!saved || !element || chat?.loadingOlder) return;
    anchor.current = null;
    const index = rows.findIndex((row) => row.key === saved.key);
    const start = index >= 0 ? virtualizer.getOffsetForIndex(index, 'start')?.[0] : undefined;
    if (start !== undefined) virtualizer.scrollToOffset(start - saved.offset);
  }, [rows, chat?.loadingOlder, virtualizer]);

  // Follow new messages while the user is at the bottom; open a room at its newest message. Before paint, and
  // again once the rows in view are measured (their sizes change the total): from a passive effect the
  // virtualiser's own check a frame later found the rows unlike their guesses and scrolled again, so the first
  // screen was painted short of the newest message and corrected a frame later.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (rows.length > 0 && atBottom.current && anchor.current === null) {
      virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    }
  }, [rows.length, totalSize, virtualizer]);

  useEffect(() => {
    atBottom.current = true;
  }, [props.roomId]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX;
    if (element.scrollTop < LOAD_OLDER_PX && chat?.hasMore && chat.loaded && !chat.loadingOlder) {
      const first = virtualizer.getVirtualItems().find((item) => item.end > element.scrollTop);
      if (first) anchor.current = { key: String(first.key), offset: element.scrollTop - first.start };
      void loadOlder(props.roomId);
    }
  };

  // A quote brings its original into view and marks it, loading older pages while it is not there yet.
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const [seeking, setSeeking] = useState<{ id: string; pages: number } | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const reveal = useCallback((messageId: string) => {
    const index = rows.findIndex((row) => row.kind === 'message' && row.message.id === messageId);
    if (index < 0) return false;
    atBottom.current = false;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlighted(messageId);
    return true;
  }, [rows, virtualizer]);
  const jump = useMemo<Jump>(() => ({
    missing,
    jumpTo: (messageId) => {
      if (reveal(messageId)) return 'found';
      if (!chat?.hasMore) return 'missing';
      setMissing(null);
      setSeeking({ id: messageId, pages: 0 });
      return 'seeking';
    },
  }), [missing, reveal, chat?.hasMore]);
  useEffect(() => {
    if (!seeking || chat?.loadingOlder) return;
    if (reveal(seeking.id)) setSeeking(null);
    else if (!chat?.hasMore || seeking.pages >= SEEK_PAGES) {
      setSeeking(null);
      setMissing(seeking.id);
    } else {
      setSeeking({ id: seeking.id, pages: seeking.pages + 1 });
      void loadOlder(props.roomId);
    }
  }, [seeking, reveal, chat?.loadingOlder, chat?.hasMore, loadOlder, props.roomId]);

  const items = virtualizer.getVirtualItems();
  const today = dayKey(Date.now());
  const atStart = chat?.loaded === true && !chat.hasMore && !chat.loadingOlder;
  return (
    <JumpContext.Provider value={jump}>
      <div className="message-pane">
        <p className="history-edge" role="status">
          {chat?.loadingOlder ? t('chat.loadingOlder') : ''}
        </p>
        <div
          ref={scrollRef}
          className="message-scroll"
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label={t('chat.messages')}
        >
          <div className="message-canvas" style={{ height: totalSize }}>
            {/* Above the first row, inside what scrolls: a fixed strip over the list sat on the messages under it. */}
            {atStart && (
              <p className="history-start" style={{ height: START_LINE_PX }}>
                {t('chat.start')}
              </p>
            )}
            <div className="message-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
              {items.map((item) => {
                const row = rows[item.index];
                if (!row) return null;
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className={row.kind === 'message' && row.message.id === highlighted ? 'row row-highlight' : 'row'}
                  >
                    <RowView row={row} peer={props.peer} today={today} />
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
    </JumpContext.Provider>
  );
}

/**
 * Memoised: every scroll re-renders the list, and a row only changes when its message does (or, for a day
 * separator, when "today" moves on: `today` is part of the props).
 */
const RowView = memo(function RowView(props: { row: Row; peer: string; today: string }) {
  const { row } = props;
  if (row.kind === 'message') return <MessageRow message={row.message} peer={props.peer} />;
  return <DaySeparator ts={row.ts} />;
});

function DaySeparator(props: { ts: number }) {
  const t = useT();
  const language = useLanguage();
  const relative = relativeDay(props.ts, Date.now());
  const text =
    relative === 'today'
      ? t('chat.today')
      : relative === 'yesterday'
        ? t('chat.yesterday')
        : formatDate(language, 'day', props.ts);
  return (
    <div className="day-separator" role="separator" aria-label={text}>
      <span aria-hidden="true">{text}</span>
    </div>
  );
}
