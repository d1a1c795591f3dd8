/**
 * How the hints script finds the page's own board read (utils/trello/page-read.ts), a script of
 * its own added to the page only when needed: that script offers its entry point on the global
 * object of the isolated world both share (the page's own scripts do not see it).
 */
import type { viewByPage } from './page-read';

export type ViewByPage = typeof viewByPage;

const KEY = Symbol.for('process-lens:trello-page-read');

/** Called by the page-read script as it runs. */
export function offerPageRead(read: ViewByPage): void {
  (globalThis as Record<symbol, unknown>)[KEY] = read;
}

/** The page's own read, once its script has run in this document. */
export function offeredPageRead(): ViewByPage | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as ViewByPage | undefined;
}
