// The channel on which weighable engine workers report their heap (see heap-worker.ts).
export const HEAP_CHANNEL = 'otrdesk-bench-heap';
export const HEAP_REQUEST = 'heap?';

export interface HeapReport {
  threadId: number;
  usedBytes: number;
}
