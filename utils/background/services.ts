/**
 * What each message type does in the background. Secrets are read here and never leave:
 * answers carry data and identities, never tokens.
 */
import { createGitHubClient, whoAmI } from '../github/client';
import { fail, ok, type Result } from '../result';
import { loadSecrets, loadSettings } from '../storage';
import { createTrelloClient } from '../trello/api';
import type { BoardSnapshot } from '../trello/snapshot';
import type { Handlers } from './router';
import { createSnapshotCache } from './snapshot-cache';

export function createHandlers(now = Date.now): Handlers {
  const snapshots = createSnapshotCache(now);

  async function trelloClient() {
    const [{ settings }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
    return createTrelloClient({ apiKey: settings.trello.apiKey, token: secrets.trelloToken });
  }

  return {
    async 'settings.get'() {
      return ok((await loadSettings()).settings);
    },

    async 'board.snapshot'({ board }): Promise<Result<BoardSnapshot>> {
      const cached = await snapshots.get(board);
      if (cached) return ok(cached);
      const result = await (await trelloClient()).boardSnapshot(board, now);
      if (result.ok) await snapshots.put(board, result.value);
      return result;
    },

    async 'connection.test'({ service }) {
      if (service === 'trello') {
        const me = await (await trelloClient()).me();
        if (!me.ok) return me;
        return ok({
          service,
          who: me.value.fullName
            ? `${me.value.fullName} (@${me.value.username})`
            : `@${me.value.username}`,
        });
      }
      const { githubToken } = await loadSecrets();
      if (!githubToken)
        return fail(
          'not-connected',
          'No GitHub token saved: paste a fine-grained token in the options page.',
        );
      const me = await whoAmI(createGitHubClient(githubToken));
      if (!me.ok) return me;
      return ok({
        service,
        who: me.value.name ? `${me.value.name} (@${me.value.login})` : `@${me.value.login}`,
      });
    },
  };
}
