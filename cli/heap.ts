import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives back the heap the first start's seed grew. After the seed most of the old generation is
 * garbage spread over pages that still hold a few live objects, and V8 keeps such pages until its
 * memory reducer runs, long after the process goes quiet: the demo would stay ~150 MiB larger than
 * a restarted one meanwhile. Two full collections that compact every page (V8's
 * `--compact-on-every-full-gc`, for them only): the first moves the live objects together, the
 * second returns the emptied pages to the system. A pause of a few hundred milliseconds, once.
 */
export function releaseSeedHeap(): void {
  setFlagsFromString('--expose-gc');
  // a new context is given V8's gc(), which the running ones were not
  const gc = runInNewContext('gc') as () => void;
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
