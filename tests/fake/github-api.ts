// The GitHub REST API on api.github.com: token auth, unauthenticated rate limit, ETags,
// JSON shaped like the real API (only the fields the extension reads, plus a few neighbours).

import { createHash } from 'node:crypto';
import { type Ctx, json, type Reply, Router } from './http.ts';
import {
  type FakeState,
  findGhUser,
  findRepo,
  type GhComment,
  type GhIssue,
  type GhPull,
  type GhRepo,
  iso,
  makeComments,
} from './state.ts';

const DOCS = 'https://docs.github.com/rest';
const WEB = 'https://github.com';
const API = 'https://api.github.com';

const notFound = () => json(404, { message: 'Not Found', documentation_url: DOCS });
const requiresAuth = () =>
  json(401, { message: 'Requires authentication', documentation_url: DOCS });
const validationFailed = (field: string) =>
  json(422, {
    message: 'Validation Failed',
    errors: [{ resource: 'Issue', code: 'missing_field', field }],
    documentation_url: DOCS,
  });

// ---------------------------------------------------------------- JSON shapes

function userJson(state: FakeState, login: string) {
  const u = findGhUser(state, login);
  return {
    login,
    id: u?.id ?? 0,
    node_id: `U_${login}`,
    type: 'User',
    html_url: `${WEB}/${login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${u?.id ?? 0}?v=4`,
    url: `${API}/users/${login}`,
  };
}

function repoJson(state: FakeState, repo: GhRepo) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: full,
    owner: userJson(state, repo.owner),
    private: repo.private,
    fork: repo.fork,
    default_branch: repo.default_branch,
    pushed_at: repo.pushed_at ?? null,
    html_url: `${WEB}/${full}`,
    url: `${API}/repos/${full}`,
  };
}

/** A head/base repository given only its full name (the fork may not exist in the state). */
function refRepoJson(state: FakeState, fullName: string, fork: boolean, defaultBranch: string) {
  const [owner = '', name = ''] = fullName.split('/');
  const known = findRepo(state, owner, name);
  if (known) return { ...repoJson(state, known), fork, default_branch: defaultBranch };
  return {
    id: 0,
    name,
    full_name: fullName,
    owner: userJson(state, owner),
    private: false,
    fork,
    default_branch: defaultBranch,
    html_url: `${WEB}/${fullName}`,
    url: `${API}/repos/${fullName}`,
  };
}

function pullJson(state: FakeState, repo: GhRepo, pull: GhPull) {
  const full = `${repo.owner}/${repo.name}`;
  const headOwner = pull.head.repo.full_name.split('/')[0] ?? '';
  return {
    url: `${API}/repos/${full}/pulls/${pull.number}`,
    id: repo.id * 10000 + pull.number,
    node_id: `PR_${repo.id}_${pull.number}`,
    html_url: `${WEB}/${full}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    user: userJson(state, pull.user.login),
    labels: pull.labels.map((l, i) => ({ id: i + 1, ...l })),
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.merged ? pull.updated_at : null,
    requested_reviewers: (pull.requested_reviewers ?? []).map((login) => userJson(state, login)),
    requested_teams: [],
    comments: pull.comments.length,
    review_comments: 0,
    head: {
      label: `${headOwner}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: userJson(state, headOwner),
      repo: refRepoJson(
        state,
        pull.head.repo.full_name,
        pull.head.repo.fork,
        pull.head.repo.default_branch,
      ),
    },
    base: {
      label: `${repo.owner}:${pull.base.ref}`,
      ref: pull.base.ref,
      user: userJson(state, repo.owner),
      repo: repoJson(state, repo),
    },
    author_association: 'CONTRIBUTOR',
    created_at: pull.created_at,
    updated_at: pull.updated_at,
  };
}

function issueJson(state: FakeState, repo: GhRepo, issue: GhIssue | GhPull) {
  const full = `${repo.owner}/${repo.name}`;
  const isPull = 'head' in issue;
  const kind = isPull ? 'pull' : 'issues';
  return {
    url: `${API}/repos/${full}/issues/${issue.number}`,
    id: repo.id * 10000 + issue.number,
    node_id: `I_${repo.id}_${issue.number}`,
    html_url: `${WEB}/${full}/${kind}/${issue.number}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    user: userJson(state, issue.user.login),
    state: issue.state,
    labels: issue.labels.map((l, i) => ({ id: i + 1, ...l })),
    assignees: ('assignees' in issue ? issue.assignees : []).map((a) => userJson(state, a.login)),
    comments: issue.comments.length,
    author_association: 'CONTRIBUTOR',
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.state === 'closed' ? issue.updated_at : null,
    ...(isPull
      ? {
          pull_request: {
            url: `${API}/repos/${full}/pulls/${issue.number}`,
            html_url: `${WEB}/${full}/pull/${issue.number}`,
          },
        }
      : {}),
  };
}

function commentJson(state: FakeState, repo: GhRepo, number: number, c: GhComment) {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${API}/repos/${full}/issues/comments/${c.id}`,
    html_url: `${WEB}/${full}/issues/${number}#issuecomment-${c.id}`,
    issue_url: `${API}/repos/${full}/issues/${number}`,
    body: c.body,
    user: userJson(state, c.user.login),
    author_association: 'CONTRIBUTOR',
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

// ---------------------------------------------------------------- helpers

/** `per_page` / `page` with a `Link` header like GitHub's. */
function paginate<T>(ctx: Ctx, items: T[]): Reply {
  const perPage = Math.min(Math.max(Number(ctx.query.per_page ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams({ ...ctx.query, per_page: String(perPage), page: String(p) });
    return `<${API}${ctx.path}?${q}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return json(
    200,
    items.slice((page - 1) * perPage, page * perPage),
    links.length ? { link: links.join(', ') } : {},
  );
}

function repoFor(ctx: Ctx): GhRepo | undefined {
  const repo = findRepo(ctx.state, ctx.params.owner ?? '', ctx.params.repo ?? '');
  // Private repositories are invisible without a token, like on GitHub.
  if (!repo || (repo.private && ctx.auth !== 'token')) return undefined;
  return repo;
}

function numberParam(ctx: Ctx): number {
  return Number(ctx.params.number);
}

function findPull(repo: GhRepo, n: number): GhPull | undefined {
  return repo.pulls.find((p) => p.number === n);
}

function findIssueOrPull(repo: GhRepo, n: number): GhIssue | GhPull | undefined {
  return repo.issues.find((i) => i.number === n) ?? findPull(repo, n);
}

function stateFilter<T extends { state: string }>(items: T[], filter = 'open'): T[] {
  return filter === 'all' ? items : items.filter((i) => i.state === filter);
}

// ---------------------------------------------------------------- handlers

type Authed = (ctx: Ctx, login: string | null) => Reply;

const getUser: Authed = (ctx, login) => {
  if (!login) return requiresAuth();
  const u = findGhUser(ctx.state, login);
  return json(200, { ...userJson(ctx.state, login), name: u?.name ?? login });
};

const getRepo: Authed = (ctx) => {
  const repo = repoFor(ctx);
  return repo ? json(200, repoJson(ctx.state, repo)) : notFound();
};

const listPulls: Authed = (ctx) => {
  const repo = repoFor(ctx);
  if (!repo) return notFound();
  const pulls = stateFilter(repo.pulls, ctx.query.state).sort((a, b) => b.number - a.number);
  return paginate(
    ctx,
    pulls.map((p) => pullJson(ctx.state, repo, p)),
  );
};

const getPull: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const pull = repo && findPull(repo, numberParam(ctx));
  return repo && pull ? json(200, pullJson(ctx.state, repo, pull)) : notFound();
};

const listReviews: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const pull = repo && findPull(repo, numberParam(ctx));
  if (!repo || !pull) return notFound();
  return paginate(
    ctx,
    pull.reviews.map((r) => ({
      id: r.id,
      node_id: `PRR_${r.id}`,
      user: userJson(ctx.state, r.user.login),
      body: r.body,
      state: r.state,
      submitted_at: r.submitted_at,
      commit_id: pull.head.sha,
      author_association: 'CONTRIBUTOR',
      html_url: `${WEB}/${repo.owner}/${repo.name}/pull/${pull.number}#pullrequestreview-${r.id}`,
    })),
  );
};

const listIssues: Authed = (ctx) => {
  const repo = repoFor(ctx);
  if (!repo) return notFound();
  const all = [...repo.issues, ...repo.pulls].sort((a, b) => b.number - a.number);
  return paginate(
    ctx,
    stateFilter(all, ctx.query.state).map((i) => issueJson(ctx.state, repo, i)),
  );
};

const getIssue: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const issue = repo && findIssueOrPull(repo, numberParam(ctx));
  return repo && issue ? json(200, issueJson(ctx.state, repo, issue)) : notFound();
};

const listComments: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const issue = repo && findIssueOrPull(repo, numberParam(ctx));
  if (!repo || !issue) return notFound();
  return paginate(
    ctx,
    issue.comments.map((c) => commentJson(ctx.state, repo, issue.number, c)),
  );
};

const postComment: Authed = (ctx, login) => {
  if (!login) return requiresAuth();
  const repo = repoFor(ctx);
  const issue = repo && findIssueOrPull(repo, numberParam(ctx));
  if (!repo || !issue) return notFound();
  const body = ctx.body.body;
  if (typeof body !== 'string' || !body.trim()) return validationFailed('body');
  const [comment] = makeComments(ctx.state, [{ user: login, body, at: ctx.state.now }]);
  if (!comment) return notFound();
  issue.comments.push(comment);
  issue.updated_at = iso(ctx.state.now);
  const out = commentJson(ctx.state, repo, issue.number, comment);
  return json(201, out, { location: out.url });
};

/** Undo of our link comment: the comment leaves its issue or pull request (tests read its list). */
const deleteComment: Authed = (ctx, login) => {
  if (!login) return requiresAuth();
  const repo = repoFor(ctx);
  const id = Number(ctx.params.id);
  const owner = [...(repo?.issues ?? []), ...(repo?.pulls ?? [])].find((item) =>
    item.comments.some((c) => c.id === id),
  );
  if (!owner) return notFound();
  owner.comments = owner.comments.filter((c) => c.id !== id);
  return { status: 204, body: '' };
};

const patchIssue: Authed = (ctx, login) => {
  if (!login) return requiresAuth();
  const repo = repoFor(ctx);
  const issue = repo && findIssueOrPull(repo, numberParam(ctx));
  if (!repo || !issue) return notFound();
  const b = ctx.body;
  if (typeof b.title === 'string') issue.title = b.title;
  if (typeof b.body === 'string') issue.body = b.body;
  if (b.state === 'open' || b.state === 'closed') issue.state = b.state;
  if (typeof b.state_reason === 'string' && 'assignees' in issue)
    issue.state_reason = b.state_reason;
  if (Array.isArray(b.labels)) {
    issue.labels = b.labels.map((l) => ({
      name: typeof l === 'string' ? l : String((l as { name?: unknown }).name ?? ''),
      color: 'ededed',
    }));
  }
  if (Array.isArray(b.assignees) && 'assignees' in issue)
    issue.assignees = b.assignees.map((a) => ({ login: String(a) }));
  issue.updated_at = iso(ctx.state.now);
  return json(200, issueJson(ctx.state, repo, issue));
};

const rateLimit: Authed = (ctx, login) => {
  const r = ctx.state.github.rate;
  const core = login
    ? {
        limit: 5000,
        used: r.authenticatedUsed,
        remaining: 5000 - r.authenticatedUsed,
        reset: r.resetEpochSeconds,
      }
    : {
        limit: r.limit,
        used: r.used,
        remaining: Math.max(r.limit - r.used, 0),
        reset: r.resetEpochSeconds,
      };
  return json(200, { resources: { core }, rate: core });
};

/** `GET /repos/{o}/{r}/contents/{path}`: a file as GitHub sends it (base64 content). */
const getContent: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const path = ctx.path.split('/contents/')[1] ?? '';
  const text = repo?.files?.[decodeURIComponent(path)];
  if (!repo || text === undefined) return notFound();
  return json(200, {
    type: 'file',
    encoding: 'base64',
    name: path.split('/').pop(),
    path,
    content: Buffer.from(text, 'utf8').toString('base64'),
  });
};

/** `GET /repos/{o}/{r}/labels/{name}`: one of the repository's labels (names ignore case). */
const getLabel: Authed = (ctx) => {
  const repo = repoFor(ctx);
  const wanted = (ctx.params.name ?? '').toLowerCase();
  const label = repo?.labels?.find((l) => l.name.toLowerCase() === wanted);
  return repo && label ? json(200, { id: 1, name: label.name, color: label.color }) : notFound();
};

/** `POST /repos/{o}/{r}/issues/{n}/labels`: like GitHub, a label the repository lacks is created. */
const addLabels: Authed = (ctx, login) => {
  if (!login) return requiresAuth();
  const repo = repoFor(ctx);
  const issue = repo && findIssueOrPull(repo, numberParam(ctx));
  if (!repo || !issue) return notFound();
  const names = ctx.body.labels;
  if (!Array.isArray(names)) return validationFailed('labels');
  for (const name of names.map(String)) {
    const known = repo.labels?.find((l) => l.name.toLowerCase() === name.toLowerCase());
    const label = known ?? { name, color: 'ededed' };
    if (!known) repo.labels = [...(repo.labels ?? []), label];
    if (!issue.labels.some((l) => l.name.toLowerCase() === name.toLowerCase()))
      issue.labels.push(label);
  }
  issue.updated_at = iso(ctx.state.now);
  return json(
    200,
    issue.labels.map((l, i) => ({ id: i + 1, ...l })),
  );
};

const routes: [method: string, pattern: string, handler: Authed][] = [
  ['GET', '/user', getUser],
  ['GET', '/rate_limit', rateLimit],
  ['GET', '/repos/:owner/:repo', getRepo],
  ['GET', '/repos/:owner/:repo/pulls', listPulls],
  ['GET', '/repos/:owner/:repo/pulls/:number', getPull],
  ['GET', '/repos/:owner/:repo/pulls/:number/reviews', listReviews],
  ['GET', '/repos/:owner/:repo/issues', listIssues],
  ['GET', '/repos/:owner/:repo/issues/:number', getIssue],
  ['PATCH', '/repos/:owner/:repo/issues/:number', patchIssue],
  ['GET', '/repos/:owner/:repo/issues/:number/comments', listComments],
  ['GET', '/repos/:owner/:repo/contents/*', getContent],
  ['POST', '/repos/:owner/:repo/issues/:number/comments', postComment],
  ['DELETE', '/repos/:owner/:repo/issues/comments/:id', deleteComment],
  ['GET', '/repos/:owner/:repo/labels/:name', getLabel],
  ['POST', '/repos/:owner/:repo/issues/:number/labels', addLabels],
];

/** Extend from tests or later work: `githubApiRoutes.push(['GET', '/…', handler])`. */
export const githubApiRoutes = routes;

// ---------------------------------------------------------------- entry point

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, Location, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset',
};

function tokenFrom(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return m?.[1];
}

function rateHeaders(state: FakeState, authed: boolean): Record<string, string> {
  const r = state.github.rate;
  const limit = authed ? 5000 : r.limit;
  const used = authed ? r.authenticatedUsed : r.used;
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(Math.max(limit - used, 0)),
    'x-ratelimit-used': String(used),
    'x-ratelimit-reset': String(r.resetEpochSeconds),
    'x-ratelimit-resource': 'core',
  };
}

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('hex')}"`;
}

export async function handleGitHubApi(ctx: Ctx): Promise<Reply> {
  if (ctx.method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...CORS,
        'access-control-allow-headers':
          'Authorization, Content-Type, If-None-Match, Accept, X-GitHub-Api-Version',
        'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE',
      },
      body: '',
    };
  }
  const header = ctx.headers.authorization;
  let login: string | null = null;
  if (header) {
    ctx.auth = 'token';
    const token = tokenFrom(header);
    login = (token && ctx.state.github.tokens[token]) || null;
    if (!login) return json(401, { message: 'Bad credentials', documentation_url: DOCS }, CORS);
  }
  const { rate } = ctx.state.github;
  if (!login && rate.used >= rate.limit) {
    return json(
      403,
      {
        message:
          "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
        documentation_url: DOCS,
      },
      { ...CORS, ...rateHeaders(ctx.state, false) },
    );
  }
  const router = new Router();
  for (const [method, pattern, handler] of routes)
    router.add(method, pattern, (c) => handler(c, login));
  const reply = await router.handle(ctx, () => notFound());
  return finish(ctx, reply, login !== null);
}

/** Adds ETag / 304, counts the request against the rate limit, sets GitHub's headers. */
function finish(ctx: Ctx, reply: Reply, authed: boolean): Reply {
  let out = reply;
  const isRead = ctx.method === 'GET' || ctx.method === 'HEAD';
  if (isRead && reply.status === 200 && reply.body !== undefined) {
    const etag = etagOf(reply.body);
    const inm = ctx.headers['if-none-match'] ?? '';
    const matches = inm.split(',').some((tag) => tag.trim() === etag);
    out = matches
      ? { status: 304, headers: { etag }, body: '' }
      : { ...reply, headers: { ...reply.headers, etag } };
  }
  // Conditional requests answered 304 are free, like on GitHub.
  if (out.status !== 304) {
    if (authed) ctx.state.github.rate.authenticatedUsed += 1;
    else ctx.state.github.rate.used += 1;
  }
  return {
    ...out,
    headers: {
      ...out.headers,
      ...CORS,
      ...rateHeaders(ctx.state, authed),
      'x-github-media-type': 'github.v3; format=json',
      'cache-control': authed
        ? 'private, max-age=60, s-maxage=60'
        : 'public, max-age=60, s-maxage=60',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
    },
  };
}
