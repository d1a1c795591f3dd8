/**
 * Giving the thread its turn: a content script shares the page's main thread, so long work (checking
 * thousands of cards, showing their hints) yields between chunks and no task of ours runs long;
 * the background's reads of the same boards go through the same code.
 */
export function yieldTurn(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
