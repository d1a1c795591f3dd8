/**
 * Work that can wait runs once the page has loaded (checking a board, in the background) or when
 * it is idle (sharing a read with the background); long work yields between chunks instead
 * (utils/turns.ts).
 */

/** Resolves once the page has loaded, or after `atMostMs` (a page held up by one slow image). */
export function whenLoaded(atMostMs = 3_000): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    window.addEventListener('load', () => resolve(), { once: true });
    setTimeout(resolve, atMostMs);
  });
}

/** Runs `work` once the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(work: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
