// Lets a quote bring its original into view: the message list provides it (it knows the rows and the scroller).
import { createContext, useContext } from 'react';

/** 'found': scrolled to it; 'seeking': loading older pages to find it; 'missing': not in this room's history. */
export type JumpResult = 'found' | 'seeking' | 'missing';

export interface Jump {
  jumpTo(messageId: string): JumpResult;
  /** The message a seek gave up on (the start of the room, or the page limit, came first). */
  missing: string | null;
}

export const JumpContext = createContext<Jump>({ jumpTo: () => 'missing', missing: null });

export function useJump(): Jump {
  return useContext(JumpContext);
}
