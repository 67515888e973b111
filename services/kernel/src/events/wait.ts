/** The wait before the next try after `failures` failed ones: doubling from 200 ms, at most 5 s. */
export const retryDelayMs = (failures: number): number => Math.min(5000, 100 * 2 ** Math.min(failures, 6));

/** A wait of `ms` that `wake()` ends at once. */
export function wakeableWait(ms: number): { ended: Promise<void>; wake(): void } {
  let wake: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { ended, wake };
}
