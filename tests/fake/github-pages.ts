// github.com pages in GitHub's current React markup (the anchors of utils/github/anchors.ts), minimal,
// with a Turbo-like navigation helper. Every value goes through escapeHtml.

import { randomBytes } from 'node:crypto';
import { codePagePath, codeView } from './github-code-page.ts';
import { type Ctx, escapeHtml as e, html, type Reply, Router, redirect } from './http.ts';
import { findRepo, type GhIssue, type GhPull, type GhRepo } from './state.ts';
import { githubThemeAttributes, primerCss } from './themes.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:var(--fgColor-default);background:var(--bgColor-default)}
a{color:var(--fgColor-accent);text-decoration:none}
.AppHeader{display:flex;gap:16px;align-items:center;padding:16px 24px;background:var(--bgColor-muted);border-bottom:1px solid var(--borderColor-default)}
.AppHeader .logo{font-weight:700;color:var(--fgColor-default)}
.AppHeader .user{margin-left:auto}
.PlainList{list-style:none;padding:0}
#fake-gh-main{max-width:1280px;margin:0 auto;padding:24px}
.PageHeader{border-bottom:1px solid var(--borderColor-default);padding-bottom:16px;margin-bottom:16px}
.TitleRow{display:flex;align-items:flex-start;gap:16px}
h1[data-component="PH_Title"]{font-size:32px;font-weight:400;margin:0;flex:1}
.f1-light{font-weight:300}.fgColor-muted{color:var(--fgColor-muted)}
[data-component="PH_Actions"]{display:flex;gap:8px;align-items:center}
button{font:inherit;color:inherit;padding:4px 12px;border:1px solid var(--borderColor-default);border-radius:6px;background:var(--bgColor-muted);cursor:pointer}
.State{display:inline-block;padding:4px 12px;border-radius:2em;color:#fff;background:#1f883d;font-weight:500;margin-right:8px}
.State--closed{background:#8250df}
nav[aria-label="Pull request navigation"]{display:flex;gap:16px;margin-top:16px}
.Layout{display:flex;gap:24px}.Layout-main{flex:1;min-width:0}.Layout-sidebar{width:296px;flex:none}
.comment{border:1px solid var(--borderColor-default);border-radius:6px;margin-bottom:16px}
.comment-header{background:var(--bgColor-muted);padding:8px 16px;border-bottom:1px solid var(--borderColor-default);border-radius:6px 6px 0 0}
.markdown-body{padding:16px;white-space:pre-wrap;overflow-wrap:anywhere}
[data-testid="mergebox-partial"]{border:1px solid var(--borderColor-default);border-radius:6px}
[data-testid="mergebox-partial"] section{padding:12px 16px;border-bottom:1px solid var(--borderColor-default)}
.sidebar-section{border-bottom:1px solid var(--borderColor-default);padding:12px 0;color:var(--fgColor-muted)}
.sidebar-section h2,.discussion-sidebar-heading{font-size:12px;font-weight:600;margin:0 0 4px;color:var(--fgColor-muted)}
.IssueLabel{display:inline-block;padding:0 8px;border-radius:2em;background:var(--bgColor-accent-muted);color:var(--fgColor-accent);font-size:12px;margin-right:4px}
.ListRow{display:flex;gap:12px;padding:12px 16px;border:1px solid var(--borderColor-default);border-top:0}
.ListRow:first-child{border-top:1px solid var(--borderColor-default);border-radius:6px 6px 0 0}
`;

interface View {
  title: string;
  main: string;
}

function labelsHtml(labels: { name: string }[]): string {
  return (
    labels
      .map((l) => `<span class="IssueLabel" data-name="${e(l.name)}">${e(l.name)}</span>`)
      .join('') || 'None yet'
  );
}

function commentHtml(login: string, at: string, body: string, testid: string): string {
  return `<div class="comment" data-testid="${e(testid)}"><div class="comment-header"><a class="author" href="/${e(login)}">${e(login)}</a> commented <relative-time datetime="${e(at)}">${e(at.slice(0, 10))}</relative-time></div>
<div data-testid="markdown-body" class="markdown-body">${e(body)}</div></div>`;
}

/** Latest review state per reviewer, like GitHub's review decision. */
function reviewSummary(pull: GhPull): { approvals: number; decision: string } {
  const latest = new Map<string, string>();
  for (const r of pull.reviews)
    if (r.state !== 'COMMENTED' && r.state !== 'PENDING') latest.set(r.user.login, r.state);
  const states = [...latest.values()];
  const approvals = states.filter((s) => s === 'APPROVED').length;
  const decision = states.includes('CHANGES_REQUESTED')
    ? 'Changes requested'
    : approvals
      ? 'Approved'
      : 'Review required';
  return { approvals, decision };
}

function pullView(repo: GhRepo, pull: GhPull): View {
  const full = `${repo.owner}/${repo.name}`;
  const { approvals, decision } = reviewSummary(pull);
  const headOwner = pull.head.repo.full_name.split('/')[0] ?? '';
  const reviewers = [...new Set(pull.reviews.map((r) => r.user.login))];
  const stateLabel = pull.merged ? 'Merged' : pull.state === 'open' ? 'Open' : 'Closed';
  const header = `<div id="partial-discussion-header" class="PageHeader" data-gid="PR_${e(repo.id)}_${e(pull.number)}">
<div class="TitleRow" data-component="TitleArea">
<h1 data-component="PH_Title" class="prc-PageHeader-Title-LKOsd"><bdi class="markdown-title">${e(pull.title)}</bdi> <span class="fgColor-muted f1-light">#${e(pull.number)}</span></h1>
<div data-component="PH_Actions" class="prc-PageHeader-Actions-fake1"><button type="button" class="prc-Button-ButtonBase-c50BI">Edit</button><button type="button" class="prc-Button-ButtonBase-c50BI">Code</button></div>
</div>
<div class="PullRequestHeaderSummary-module__summary__fake1"><span class="State${pull.state === 'closed' ? ' State--closed' : ''}" data-status="${pull.merged ? 'pullMerged' : e(pull.state)}">${stateLabel}</span>
<a href="/${e(pull.user.login)}">${e(pull.user.login)}</a> wants to merge into <code>${e(full)}:${e(pull.base.ref)}</code> from <code>${e(headOwner)}:${e(pull.head.ref)}</code></div>
<nav aria-label="Pull request navigation" data-component="PH_Navigation"><a href="/${e(full)}/pull/${e(pull.number)}" aria-current="page">Conversation</a><a href="/${e(full)}/pull/${e(pull.number)}/commits">Commits</a><a href="/${e(full)}/pull/${e(pull.number)}/checks">Checks</a><a href="/${e(full)}/pull/${e(pull.number)}/files">Files changed</a></nav>
</div>`;
  const timeline = [
    commentHtml(pull.user.login, pull.created_at, pull.body, 'pr-body'),
    ...pull.comments.map((c) =>
      commentHtml(c.user.login, c.created_at, c.body, 'timeline-comment'),
    ),
  ].join('\n');
  const mergebox = `<div data-testid="mergebox-partial"><div class="MergeBox-module__mergeBoxAdjustBorders__fake1">
<section aria-label="Reviews"><div class="MergeBoxSectionHeader-module__wrapper__fake1"><p>${
    approvals
      ? `<span class="bgColor-success-emphasis"></span>${approvals} approving review${approvals > 1 ? 's' : ''}`
      : e(decision)
  }</p></div></section>
<section aria-label="Checks"><div class="MergeBoxSectionHeader-module__wrapper__fake1"><p>All checks have passed</p></div></section>
<section aria-label="Conflicts"><div class="MergeBoxSectionHeader-module__wrapper__fake1"><p>No conflicts with base branch</p></div></section>
</div></div>`;
  const sidebar = `<div id="partial-discussion-sidebar" class="Layout-sidebar">
<form aria-label="Select reviewers" class="js-issue-sidebar-form sidebar-section"><div class="discussion-sidebar-heading">Reviewers</div>
<div class="css-truncate">${reviewers.map((r) => `<p class="flex-items-center" data-assignee-name="${e(r)}">${e(r)}</p>`).join('') || 'No reviews'}</div></form>
<div class="sidebar-section"><h2>Labels</h2>${labelsHtml(pull.labels)}</div>
</div>`;
  return {
    title: `${pull.title} by ${pull.user.login} · Pull Request #${pull.number} · ${full}`,
    main: `<div class="prc-PageLayout-PageLayoutWrapper-fake1"><div class="prc-PageLayout-Header-fake1">${header}</div>
<div class="Layout"><div class="Layout-main prc-PageLayout-Content-fake1">${timeline}${mergebox}</div>${sidebar}</div></div>`,
  };
}

function issueView(repo: GhRepo, issue: GhIssue): View {
  const full = `${repo.owner}/${repo.name}`;
  const header = `<div data-testid="issue-header" class="PageHeader"><div class="TitleRow" data-component="TitleArea">
<h1 data-component="PH_Title"><bdi data-testid="issue-title" class="markdown-title">${e(issue.title)}</bdi> <span class="fgColor-muted f1-light">#${e(issue.number)}</span></h1>
<div data-component="PH_Actions" class="prc-PageHeader-Actions-fake1"><button type="button" class="prc-Button-ButtonBase-c50BI">Edit</button><button type="button" class="prc-Button-ButtonBase-c50BI">New issue</button></div>
</div>
<div data-testid="issue-metadata-fixed"><span data-testid="header-state" class="State${issue.state === 'closed' ? ' State--closed' : ''}">${issue.state === 'open' ? 'Open' : 'Closed'}</span>
<a href="/${e(issue.user.login)}">${e(issue.user.login)}</a> opened this issue · ${e(issue.comments.length)} comments</div></div>`;
  const body = `<div data-testid="issue-body"><div data-testid="issue-body-viewer">${commentHtml(issue.user.login, issue.created_at, issue.body, 'issue-body-comment')}</div></div>`;
  const comments = `<div data-testid="issue-timeline">${issue.comments.map((c) => commentHtml(c.user.login, c.created_at, c.body, 'timeline-comment')).join('\n')}</div>`;
  const sidebar = `<div data-testid="issue-viewer-metadata-container" class="Layout-sidebar">
<div data-testid="sidebar-assignees-section" class="sidebar-section"><h2>Assignees</h2>${issue.assignees.map((a) => e(a.login)).join(', ') || 'No one assigned'}</div>
<div data-testid="sidebar-section" class="sidebar-section"><h2>Labels</h2>${labelsHtml(issue.labels)}</div>
<div data-testid="sidebar-projects-section" class="sidebar-section"><h2>Projects</h2>None yet</div>
</div>`;
  return {
    title: `${issue.title} · Issue #${issue.number} · ${full}`,
    main: `<div data-testid="issue-viewer-container">${header}<div class="Layout"><div class="Layout-main">${body}${comments}</div>${sidebar}</div></div>`,
  };
}

function pullListView(repo: GhRepo): View {
  const full = `${repo.owner}/${repo.name}`;
  const rows = repo.pulls
    .filter((p) => p.state === 'open')
    .sort((a, b) => b.number - a.number)
    .map((p) => {
      const { decision } = reviewSummary(p);
      return `<li class="ListRow ListItem-module__listItem__fake1" data-testid="list-row-repo-name-and-number">
<a href="/${e(full)}/pull/${e(p.number)}" data-testid="issue-pr-title-link">${e(p.title)}</a>
<span class="fgColor-muted">#${e(p.number)} by ${e(p.user.login)}</span>
<span class="ReviewDecision-module__reviewDecisionContent__fake1">${e(decision)}</span></li>`;
    });
  return {
    title: `Pull requests · ${full}`,
    main: `<div class="PageHeader"><h1 class="f1-light">Pull requests · ${e(full)}</h1></div><ul class="PlainList">${rows.join('\n')}</ul>`,
  };
}

function notFoundView(): View {
  return {
    title: 'Page not found · GitHub',
    main: '<h1>404 – This is not the web page you are looking for.</h1>',
  };
}

/** Resolves a github.com path to a view (or a redirect from /issues/N to /pull/N). */
function resolve(ctx: Ctx, path: string): { status: number; view: View } | { redirect: string } {
  const m =
    /^\/([^/]+)\/([^/]+)\/(pull|issues|pulls)(?:\/(\d+))?(?:\/(?:files|commits|checks))?\/?$/.exec(
      path,
    );
  const repo = m ? findRepo(ctx.state, m[1] ?? '', m[2] ?? '') : undefined;
  const code = m ? undefined : codePagePath(path);
  const codeRepo = code && findRepo(ctx.state, code.owner, code.name);
  if (codeRepo) return { status: 200, view: codeView(codeRepo) };
  if (!m || !repo) return { status: 404, view: notFoundView() };
  const full = `${repo.owner}/${repo.name}`;
  const n = Number(m[4]);
  if (m[3] === 'pulls' && !m[4]) return { status: 200, view: pullListView(repo) };
  const pull = repo.pulls.find((p) => p.number === n);
  const issue = repo.issues.find((i) => i.number === n);
  if (m[3] === 'pull' && pull) return { status: 200, view: pullView(repo, pull) };
  if (m[3] === 'issues' && issue) return { status: 200, view: issueView(repo, issue) };
  if (m[3] === 'issues' && pull) return { redirect: `/${full}/pull/${n}` };
  if (m[3] === 'pull' && issue) return { redirect: `/${full}/issues/${n}` };
  return { status: 404, view: notFoundView() };
}

function fragmentHtml(view: View): string {
  return `<div id="fake-gh-view" data-title="${e(view.title)}">${view.main}</div>`;
}

/**
 * GitHub's page CSP in shape (default-src 'none', scripts only from its asset host, a short list of
 * connect, image and form targets), with the fake's own inline <style> and <script> let in by a
 * nonce instead of github.githubassets.com. Styles are stricter than GitHub's (which allows
 * 'unsafe-inline'): with this policy no inline <style> or style attribute added to the page
 * applies, so hint styles that survive it survive GitHub's (docs/architecture.md, "API facts").
 */
export function githubCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "base-uri 'self'",
    "connect-src 'self' api.github.com uploads.github.com",
    'font-src github.githubassets.com',
    "form-action 'self' github.com",
    "frame-ancestors 'none'",
    "img-src 'self' data: github.githubassets.com avatars.githubusercontent.com",
    `script-src 'nonce-${nonce}' github.githubassets.com`,
    `style-src 'nonce-${nonce}' github.githubassets.com`,
    'upgrade-insecure-requests',
  ].join('; ');
}

/** A page's headers and the nonce its inline <style> and <script> carry ('' without a CSP). */
function pagePolicy(ctx: Ctx): { nonce: string; headers: Record<string, string> } {
  if (!ctx.state.github.strictCsp) return { nonce: '', headers: {} };
  const nonce = randomBytes(16).toString('base64');
  return { nonce, headers: { 'content-security-policy': githubCsp(nonce) } };
}

function shell(ctx: Ctx, view: View, nonce = ''): string {
  const login = ctx.state.github.sessionLogin;
  const meta = login ? `<meta name="user-login" content="${e(login)}">` : '';
  const n = nonce ? ` nonce="${e(nonce)}"` : '';
  return `<!doctype html>
<html lang="en" ${githubThemeAttributes(ctx.state.github.theme)}><head><meta charset="utf-8"><title>${e(view.title)}</title>${meta}
<meta name="viewport" content="width=device-width, initial-scale=1"><style${n}>${primerCss()}
${STYLE}</style></head>
<body class="${login ? 'logged-in' : 'logged-out'}">
<header class="AppHeader"><a class="logo" href="/">GitHub</a>${ctx.state.github.repos
    .map((r) => `<a href="/${e(r.owner)}/${e(r.name)}/pulls">${e(r.owner)}/${e(r.name)}</a>`)
    .join('')}<span class="user">${login ? e(login) : 'Sign in'}</span></header>
<main id="fake-gh-main">${fragmentHtml(view)}</main>
<script${n}>${CLIENT_SCRIPT}</script>
</body></html>`;
}

function pageFor(ctx: Ctx, path: string): Reply {
  const r = resolve(ctx, path);
  if ('redirect' in r) return redirect(r.redirect);
  const { nonce, headers } = pagePolicy(ctx);
  return html(r.status, shell(ctx, r.view, nonce), { 'cache-control': 'no-store', ...headers });
}

function home(ctx: Ctx): Reply {
  const links = ctx.state.github.repos
    .map(
      (r) => `<li><a href="/${e(r.owner)}/${e(r.name)}/pulls">${e(r.owner)}/${e(r.name)}</a></li>`,
    )
    .join('');
  const { nonce, headers } = pagePolicy(ctx);
  return html(
    200,
    shell(ctx, { title: 'GitHub', main: `<h1>Dashboard</h1><ul>${links}</ul>` }, nonce),
    headers,
  );
}

function fragment(ctx: Ctx): Reply {
  const r = resolve(ctx, ctx.query.path ?? '');
  if ('redirect' in r) {
    const target = resolve(ctx, r.redirect);
    return 'view' in target
      ? html(200, fragmentHtml(target.view))
      : html(404, fragmentHtml(notFoundView()));
  }
  return html(r.status, fragmentHtml(r.view), { 'cache-control': 'no-store' });
}

const router = new Router().get('/', home).get('/__fake/gh-fragment', fragment);

export function handleGitHubPage(ctx: Ctx): Promise<Reply> {
  return router.handle(ctx, (c) => pageFor(c, c.path));
}

// Turbo-like navigation: fetch the server-escaped fragment, swap <main>, pushState, turbo:render.
const CLIENT_SCRIPT = `
(() => {
  const ours = (path) => /^\\/[^/]+\\/[^/]+\\/(pull|issues|pulls)(\\/|$)/.test(path);
  async function swap(path) {
    document.dispatchEvent(new CustomEvent('turbo:visit', { detail: { url: location.origin + path } }));
    const res = await fetch('/__fake/gh-fragment?path=' + encodeURIComponent(new URL(path, location.origin).pathname));
    const tpl = document.createElement('template');
    tpl.innerHTML = await res.text(); // server-rendered, every value escaped
    document.getElementById('fake-gh-main').replaceChildren(tpl.content);
    const v = document.getElementById('fake-gh-view');
    if (v && v.dataset.title) document.title = v.dataset.title;
    document.dispatchEvent(new Event('turbo:render'));
    document.dispatchEvent(new Event('turbo:load'));
  }
  async function navigate(path) {
    history.pushState({}, '', path);
    await swap(path);
  }
  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target instanceof Element ? ev.target.closest('a[href]') : null;
    if (!a || a.origin !== location.origin || !ours(a.pathname)) return;
    ev.preventDefault();
    navigate(a.pathname);
  });
  window.addEventListener('popstate', () => { if (ours(location.pathname)) swap(location.pathname); });
  window.__fakeGitHub = { navigate };
})();
`;
