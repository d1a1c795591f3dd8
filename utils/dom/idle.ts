/**
 * Work that can wait runs once the page is parsed (the hints) or when it is idle (sharing a read
 * with the background); long work yields between chunks instead (utils/turns.ts).
 */

/** Resolves at once when the document is parsed, else in a task after DOMContentLoaded's. */
export function whenParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => setTimeout(resolve, 0), { once: true }),
  );
}

/** Runs `work` once the page is idle, or after `timeoutMs` at the latest. */
export function whenIdle(work: () => void, timeoutMs = 1_000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 0);
}
