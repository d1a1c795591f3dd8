/**
 * Giving the page its turn: content scripts share the page's main thread, so work that can wait
 * (sharing a read with the background, warming a formatter) runs when the page is idle, and long
 * work (indexing thousands of cards) yields between chunks so no task of ours runs over 50 ms.
 */

/** Runs `work` once the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(work: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}

/** Lets the page run its own tasks (input, rendering) before we go on. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
