/** The API clients with the stored credentials (background only: they hold the tokens). */
import { browser } from 'wxt/browser';
import { createGitHubClient } from '../github/client';
import { loadSecrets, loadSettings } from '../storage';
import { createTrelloClient } from '../trello/client';
import { createRateLimiter, type Pause } from '../trello/rate-limit';
import type { Clients } from './moves';

const PAUSE_KEY = 'trello:pause';

/**
 * One limiter for every Trello call of the background (the limits are per token); its pause is
 * kept in storage.session so a restarted worker does not retry into a 429.
 */
export const trelloLimiter = createRateLimiter({
  store: {
    read: async () =>
      (await browser.storage.session.get(PAUSE_KEY))[PAUSE_KEY] as Pause | undefined,
    write: (pause) =>
      pause
        ? browser.storage.session.set({ [PAUSE_KEY]: pause })
        : browser.storage.session.remove(PAUSE_KEY),
  },
});

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
