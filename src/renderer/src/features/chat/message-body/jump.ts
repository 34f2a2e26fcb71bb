// Lets a quote bring its original into view: the message list provides it (it knows the rows and the scroller).
import { createContext, useContext } from 'react';

/** Scrolls to the message and marks it; false when it is not loaded in this room. */
export type JumpTo = (messageId: string) => boolean;

export const JumpContext = createContext<JumpTo>(() => false);

export function useJumpTo(): JumpTo {
  return useContext(JumpContext);
}
