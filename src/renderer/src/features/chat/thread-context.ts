// The open room's thread panel: which thread is open, and how a "N replies" button opens one.
import { createContext, useContext } from 'react';

export interface ThreadControl {
  openThread(messageId: string): void;
}

export const ThreadContext = createContext<ThreadControl | null>(null);

export function useThreadControl(): ThreadControl | null {
  return useContext(ThreadContext);
}
