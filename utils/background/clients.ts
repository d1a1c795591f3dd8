/** The API clients with the stored credentials (background only: they hold the tokens). */
import { createGitHubClient } from '../github/client';
import { loadSecrets, loadSettings } from '../storage';
import { createTrelloClient } from '../trello/api';
import type { Clients } from './moves';

export async function backgroundClients(): Promise<Clients> {
  const [{ settings }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
  return {
    trello: createTrelloClient({ apiKey: settings.trello.apiKey, token: secrets.trelloToken }),
    github: createGitHubClient(secrets.githubToken),
  };
}
