/**
 * A team's shared settings in a repository, so everyone enforces the same rules: `process-lens.json`
 * (or `.github/process-lens.json`) in, for example, the organisation's `.github` repository.
 */
import { fail, ok, type Result } from '../result';
import { type GitHubClient, gitHubError } from './client';

export const TEAM_SETTINGS_PATHS = ['process-lens.json', '.github/process-lens.json'] as const;

function decodeBase64(content: string): string {
  const bytes = Uint8Array.from(atob(content.replace(/\s/g, '')), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export async function readTeamSettings(
  client: GitHubClient,
  owner: string,
  repo: string,
): Promise<Result<{ path: string; settings: unknown }>> {
  for (const path of TEAM_SETTINGS_PATHS) {
    try {
      const { data } = await client.rest.repos.getContent({ owner, repo, path });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) continue;
      try {
        return ok({ path, settings: JSON.parse(decodeBase64(data.content)) });
      } catch {
        return fail('malformed', `${owner}/${repo}/${path} is not valid JSON.`);
      }
    } catch (error) {
      const found = gitHubError(error);
      if (found.code !== 'not-found') return { ok: false, error: found };
    }
  }
  return fail('not-found', `No ${TEAM_SETTINGS_PATHS.join(' or ')} in ${owner}/${repo}.`);
}
