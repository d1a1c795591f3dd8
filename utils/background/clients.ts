/** The API clients with the stored credentials (background only: they hold the tokens). */
import { browser } from 'wxt/browser';
import { createGitHubClient } from '../github/client';
import { loadSecrets, loadSettings } from '../storage';
import { createTrelloClient } from '../trello/client';
import { createRateLimiter, type Pause } from '../trello/rate-limit';
import type { Clients } from './moves';

/** A limiter whose pause is kept in storage.session: a restarted worker does not retry into a 429. */
function limiterPausedIn(key: string) {
  return createRateLimiter({
    store: {
      read: async () => (await browser.storage.session.get(key))[key] as Pause | undefined,
      write: (pause) =>
        pause ? browser.storage.session.set({ [key]: pause }) : browser.storage.session.remove(key),
    },
  });
}

/** One limiter for every token call of the background (Trello's limits are per token). */
export const trelloLimiter = limiterPausedIn('trello:pause');

/** And one for the background's reads with the trello.com session (board-views.ts). */
export const sessionLimiter = limiterPausedIn('trello:session-pause');

export function trelloClient(apiKey: string, token: string) {
  return createTrelloClient({ apiKey, token }, fetch, trelloLimiter);
}

export async function backgroundClients(): Promise<Clients> {
  const [{ settings }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
  return {
    trello: trelloClient(settings.trello.apiKey, secrets.trelloToken),
    github: createGitHubClient(secrets.githubToken),
  };
}
