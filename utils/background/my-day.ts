/** Gathers "my day" for the popup: Trello for my cards, GitHub for my PRs, reviews and forks. */
import type { GitHubClient } from '../github/client';
import { readOpenPulls, readPullStatus } from '../github/data';
import { cachedGet } from '../github/etag-cache';
import { type ApiRepoPush, forkPush } from '../github/mapping';
import type { Finding } from '../process/findings';
import { type MyDay, myCardsInProgress } from '../process/my-day';
import { countReviews } from '../process/reviews';
import { pushOverdueFinding } from '../process/rules/push-overdue';
import type { Settings } from '../process/settings';
import type { Result } from '../result';
import type { BoardSnapshot, TrelloMember } from '../trello/snapshot';

interface ApiPullItem {
  number?: number;
  title?: string;
  html_url?: string;
  user?: { login?: string } | null;
  requested_reviewers?: { login?: string }[];
}

export interface MyDayInputs {
  settings: Settings;
  boards: readonly BoardSnapshot[];
  trelloMe: Result<TrelloMember>;
  github?: GitHubClient;
  now: number;
}

export async function gatherMyDay({
  settings,
  boards,
  trelloMe,
  github,
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
  const me = await cachedGet<{ login?: string }>(github, 'GET /user', {}, () => now);
  if (!me.ok || !me.value.data.login) {
    return {
      myDay: { ...myDay, githubNote: me.ok ? 'GitHub did not say who you are.' : me.error.message },
    };
  }
  const login = me.value.data.login;
  let lastPushAt: number | undefined;
  let forks = 0;
  for (const fullName of settings.github.repos) {
    const [owner = '', repo = ''] = fullName.split('/');
    const pulls = await readOpenPulls(github, { owner, repo }, () => now);
    if (pulls.ok && Array.isArray(pulls.value.data)) {
      for (const pull of pulls.value.data as ApiPullItem[]) {
        if (!pull.number || !pull.html_url) continue;
        if (pull.user?.login?.toLowerCase() === login.toLowerCase()) {
          const status = await readPullStatus(
            github,
            { owner, repo, number: pull.number },
            settings.process.requiredApprovals,
            countReviews,
            () => now,
          );
          if (status.ok)
            myDay.pulls.push({
              title: pull.title ?? '',
              link: pull.html_url,
              status: status.value,
            });
        }
        if (pull.requested_reviewers?.some((r) => r.login?.toLowerCase() === login.toLowerCase())) {
          myDay.reviews.push({
            title: pull.title ?? '',
            link: pull.html_url,
            author: pull.user?.login ?? '',
          });
        }
      }
    }
    // My fork of this repository, and when I last pushed to it.
    const fork = await cachedGet<ApiRepoPush>(
      github,
      'GET /repos/{owner}/{repo}',
      { owner: login, repo },
      () => now,
    );
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
