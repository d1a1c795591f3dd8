/**
 * Work that can wait (sharing a read with the background) runs when the page is idle; long work
 * yields between chunks instead (utils/turns.ts).
 */

/** Runs `work` once the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(work: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
