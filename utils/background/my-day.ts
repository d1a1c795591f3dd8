/**
 * Gathers "my day" for the popup: Trello for my cards; my pull requests and the reviews asked of
 * me from the team's pull requests (the summary's own reads); GitHub for my forks.
 */
import { browser } from 'wxt/browser';
import type { GitHubClient } from '../github/client';
import { cachedGet } from '../github/etag-cache';
import { type ApiRepoPush, forkPush } from '../github/mapping';
import type { Finding } from '../process/findings';
import { type MyDay, myCardsInProgress } from '../process/my-day';
import { pushOverdueFinding } from '../process/rules/push-overdue';
import type { Settings } from '../process/settings';
import type { TeamPull } from '../process/team-pulls';
import type { Result } from '../result';
import type { BoardSnapshot, TrelloMember } from '../trello/snapshot';

/** How long "you have no fork of this repository" is believed before asking again. */
const NO_FORK_RECHECK_MS = 6 * 60 * 60 * 1000;

export interface MyDayInputs {
  settings: Settings;
  boards: readonly BoardSnapshot[];
  trelloMe: Result<TrelloMember>;
  github?: GitHubClient;
  /** The watched repositories' open pull requests, read once for the summary. */
  teamPulls?: readonly TeamPull[];
  now: number;
}

export async function gatherMyDay({
  settings,
  boards,
  trelloMe,
  github,
  teamPulls = [],
  now,
}: MyDayInputs): Promise<{ myDay: MyDay; push?: Finding }> {
  const myDay: MyDay = {
    cards: trelloMe.ok ? myCardsInProgress(boards, trelloMe.value.id, now, settings) : [],
    pulls: [],
    reviews: [],
  };
  if (!github)
    return {
      myDay: {
        ...myDay,
        githubNote: 'Add a GitHub token in the options to see your pull requests and pushes.',
      },
    };
  const user = await cachedGet<{ login?: string }>(github, 'GET /user', {}, () => now);
  if (!user.ok || !user.value.data.login) {
    return {
      myDay: {
        ...myDay,
        githubNote: user.ok ? 'GitHub did not say who you are.' : user.error.message,
      },
    };
  }
  const login = user.value.data.login;
  let lastPushAt: number | undefined;
  let forks = 0;
  const me = login.toLowerCase();
  for (const pull of teamPulls) {
    if (pull.author.toLowerCase() === me)
      myDay.pulls.push({ title: pull.title, link: pull.url, status: pull.status });
    if (pull.requestedReviewers.some((r) => r.toLowerCase() === me))
      myDay.reviews.push({ title: pull.title, link: pull.url, author: pull.author });
  }
  for (const fullName of settings.github.repos) {
    const [, repo = ''] = fullName.split('/');
    // My fork of this repository, and when I last pushed to it. GitHub's 404 is not conditional:
    // "no fork" is remembered for a while, so an unchanged refresh costs no rate-limited request.
    const noForkKey = `no-fork:${login}/${repo}`;
    const noFork = (await browser.storage.session.get(noForkKey))[noForkKey] as number | undefined;
    if (noFork !== undefined && now - noFork < NO_FORK_RECHECK_MS) continue;
    const fork = await cachedGet<ApiRepoPush>(
      github,
      'GET /repos/{owner}/{repo}',
      { owner: login, repo },
      () => now,
    );
    if (!fork.ok && fork.error.code === 'not-found')
      await browser.storage.session.set({ [noForkKey]: now });
    const push = fork.ok ? forkPush(fork.value.data) : undefined;
    if (push) {
      forks++;
      if (push.pushedAt !== undefined) lastPushAt = Math.max(lastPushAt ?? 0, push.pushedAt);
    }
  }
  return {
    myDay: { ...myDay, lastPushAt },
    push: pushOverdueFinding(lastPushAt, forks, settings, now, login),
  };
}
