// A full garbage collection on demand, so heap figures are live objects, not garbage waiting to be swept.
// `npm run bench` runs under tsx without --expose-gc: the flag can still be switched on at run time.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Collects twice: the first pass may only queue finalizers whose objects the second one frees. */
export function fullGc(): void {
  collect();
  collect();
}

/** Bytes of live JS heap on this thread after a full collection. */
export function liveHeapBytes(): number {
  fullGc();
  return v8.getHeapStatistics().used_heap_size;
}
