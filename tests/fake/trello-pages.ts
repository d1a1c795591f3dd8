// trello.com pages in Trello's current markup (the anchors of utils/trello/anchors.ts), with
// pushState navigation like the real React app. Every value goes through escapeHtml.

import { type Ctx, escapeHtml as e, html, type Reply, Router } from './http.ts';
import {
  type FakeState,
  findBoard,
  findCard,
  findMember,
  slugify,
  type TrelloBoard,
  type TrelloCard,
} from './state.ts';
import { atlassianCss, trelloThemeAttributes, trelloThemeScript } from './themes.ts';
import { SESSION_COOKIE } from './trello-api.ts';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:var(--ds-text);background:#0079bf}
a{color:inherit}
.topbar{height:44px;display:flex;align-items:center;gap:16px;padding:0 12px;background:#026aa7;color:#fff}
.topbar .logo{font-weight:700;font-size:18px;text-decoration:none}
.topbar .member{margin-left:auto;background:#dfe1e6;color:#172b4d;border-radius:50%;width:28px;height:28px;display:grid;place-items:center;font-weight:700}
.layout{display:flex;min-height:calc(100vh - 44px)}
.sidebar{width:220px;flex:none;background:rgba(0,0,0,.24);color:#fff;padding:12px}
.sidebar h3{font-size:12px;text-transform:uppercase;opacity:.8;margin:8px 0}
.sidebar ul{list-style:none;margin:0;padding:0}
.sidebar li a{display:block;padding:6px 8px;border-radius:4px;text-decoration:none}
.sidebar li a:hover,.sidebar li a[aria-current]{background:rgba(255,255,255,.2)}
#fake-main{flex:1;min-width:0;display:flex;flex-direction:column}
#fake-board-view{display:flex;flex-direction:column;flex:1;min-height:0}
.board-header{display:flex;align-items:center;gap:8px;padding:8px 12px;background:rgba(0,0,0,.16);color:#fff}
.board-header h1{font-size:18px;margin:0;padding:4px 8px}
[data-testid="board-canvas"]{flex:1;overflow-x:auto;padding:12px}
#board{display:flex;align-items:flex-start;gap:12px;list-style:none;margin:0;padding:0}
[data-testid="list-wrapper"]{flex:none;width:272px}
[data-testid="list"]{background:var(--ds-surface-sunken);border-radius:12px;padding:8px;max-height:calc(100vh - 140px);display:flex;flex-direction:column}
[data-testid="list-header"]{padding:4px 8px}
[data-testid="list-name"]{font-size:14px;font-weight:600;margin:0}
[data-testid="list-cards"]{list-style:none;margin:0;padding:0;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
[data-testid="trello-card"]{background:var(--ds-surface-raised);border-radius:8px;box-shadow:0 1px 1px #091e4240;padding:8px 12px}
[data-testid="card-name"]{text-decoration:none;display:block;overflow-wrap:anywhere}
.labels{display:flex;gap:4px;margin-bottom:4px}
[data-testid="card-front-label"]{height:8px;width:40px;border-radius:4px;background:#dfe1e6}
.badges{font-size:12px;color:var(--ds-text-subtle);margin-top:4px}
[data-testid="list-add-card-button"]{margin-top:8px;background:none;border:0;text-align:left;padding:6px 8px;color:var(--ds-text-subtle);border-radius:8px}
.not-found{color:#fff;font-size:20px;padding:40px}
.home{padding:24px;color:#fff}.home ul{display:grid;grid-template-columns:repeat(auto-fill,200px);gap:12px;list-style:none;padding:0}
.home li a{display:block;height:96px;padding:8px;border-radius:8px;background:#5aac44;text-decoration:none;font-weight:700}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.5);display:flex;justify-content:center;align-items:flex-start;padding-top:48px}
.overlay [role="dialog"]{background:var(--ds-surface-overlay);width:720px;max-width:90vw;min-height:300px;border-radius:12px;padding:16px}
.overlay textarea{width:100%;font:600 20px/1.3 inherit;border:0;background:transparent;resize:none}
`;

const LABEL_COLORS: Record<string, string> = {
  green: '#4bce97',
  yellow: '#f5cd47',
  orange: '#fea362',
  red: '#f87168',
  purple: '#9f8fef',
  blue: '#579dff',
};

function cardPath(card: TrelloCard): string {
  return `/c/${card.shortLink}/${card.idShort}-${slugify(card.name)}`;
}

function cardHtml(card: TrelloCard): string {
  const labels = card.labels.length
    ? `<div class="labels">${card.labels
        .map(
          (l) =>
            `<span data-testid="card-front-label" title="${e(l.name)}" style="background:${e(LABEL_COLORS[l.color ?? ''] ?? '#dfe1e6')}"></span>`,
        )
        .join('')}</div>`
    : '';
  const badges = [
    card.due ? `Due ${e(card.due.slice(0, 10))}${card.dueComplete ? ' ✓' : ''}` : '',
    card.attachments.length
      ? `${card.attachments.length} attachment${card.attachments.length > 1 ? 's' : ''}`
      : '',
  ].filter(Boolean);
  return `<li data-testid="list-card" data-card-drop-card-id="${e(card.id)}" draggable="true">
<div data-testid="trello-card">${labels}<a data-testid="card-name" href="${e(cardPath(card))}">${e(card.name)}</a>${
    badges.length ? `<div class="badges">${badges.join(' · ')}</div>` : ''
  }</div></li>`;
}

function boardCanvasHtml(board: TrelloBoard): string {
  const lists = board.lists.filter((l) => !l.closed).sort((a, b) => a.pos - b.pos);
  const items = lists.map((list) => {
    const cards = board.cards
      .filter((c) => c.idList === list.id && !c.closed)
      .sort((a, b) => a.pos - b.pos);
    return `<li data-testid="list-wrapper"><div data-testid="list" data-card-drop-list-id="${e(list.id)}">
<div data-testid="list-header"><h2 data-testid="list-name">${e(list.name)}</h2></div>
<ol data-testid="list-cards">${cards.map(cardHtml).join('\n')}</ol>
<button type="button" data-testid="list-add-card-button">+ Add a card</button>
</div></li>`;
  });
  return `<div data-testid="board-canvas"><ol id="board">${items.join('\n')}</ol></div>`;
}

/** The board's main area: what `/__fake/board-fragment/:shortLink` returns and rerender() swaps in. */
export function boardFragment(board: TrelloBoard | undefined): string {
  if (!board) {
    return `<div id="fake-board-view" data-board="" data-title="Board not found | Trello"><p class="not-found">Board not found.</p></div>`;
  }
  const header =
    board.renderHeader === false
      ? '<div class="board-header" data-testid="board-header"></div>'
      : `<div class="board-header" data-testid="board-header"><h1 data-testid="board-name-display">${e(board.name)}</h1></div>`;
  return `<div id="fake-board-view" data-board="${e(board.shortLink)}" data-title="${e(board.name)} | Trello">
${header}
${boardCanvasHtml(board)}
</div>`;
}

function sidebarHtml(state: FakeState, current: string | undefined): string {
  const links = state.trello.boards
    .filter((b) => !b.closed)
    .map((b) => {
      const here = b.shortLink === current ? ' aria-current="page"' : '';
      return `<li><a href="/b/${e(b.shortLink)}/${e(slugify(b.name))}"${here}>${e(b.name)}</a></li>`;
    });
  return `<nav class="sidebar" data-testid="fake-sidebar" aria-label="Boards"><h3>Your boards</h3><ul>${links.join('')}</ul></nav>`;
}

function shell(state: FakeState, title: string, current: string | undefined, main: string): string {
  const me = findMember(state, state.trello.sessionMember);
  const initials = me
    ? me.fullName
        .split(/\s+/)
        .map((w) => w[0] ?? '')
        .join('')
        .slice(0, 2)
    : '?';
  const account = state.trello.session
    ? `<span class="member" data-testid="header-member-menu-avatar" title="${e(me?.fullName ?? '')}">${e(initials)}</span>`
    : '<a class="member" href="/login">Log in</a>';
  return `<!doctype html>
<html lang="en" ${trelloThemeAttributes(state.trello.theme)}><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${atlassianCss()}
${STYLE}</style>
<script>${trelloThemeScript(state.trello.theme)}</script></head>
<body><div id="trello-root">
<header class="topbar" data-testid="header-container"><a class="logo" href="/">Trello</a>${account}</header>
<div class="layout">${sidebarHtml(state, current)}<main id="fake-main">${main}</main></div>
</div>
<script>${CLIENT_SCRIPT}</script>
</body></html>`;
}

function sessionCookie(state: FakeState): string {
  return state.trello.session
    ? `${SESSION_COOKIE}=1; Path=/; Secure; SameSite=Lax`
    : `${SESSION_COOKIE}=; Path=/; Secure; SameSite=Lax; Max-Age=0`;
}

function page(
  ctx: Ctx,
  status: number,
  title: string,
  current: string | undefined,
  main: string,
): Reply {
  return html(status, shell(ctx.state, title, current, main), {
    'set-cookie': sessionCookie(ctx.state),
    'cache-control': 'no-store',
  });
}

function homePage(ctx: Ctx): Reply {
  const boards = ctx.state.trello.boards.filter((b) => !b.closed);
  const items = boards.map(
    (b) => `<li><a href="/b/${e(b.shortLink)}/${e(slugify(b.name))}">${e(b.name)}</a></li>`,
  );
  const main = `<div id="fake-board-view" data-board="" data-title="Boards | Trello"><section class="home"><h2>Your boards</h2><ul>${items.join('')}</ul></section></div>`;
  return page(ctx, 200, 'Boards | Trello', undefined, main);
}

function boardPage(ctx: Ctx): Reply {
  const board = findBoard(ctx.state, ctx.params.id ?? '');
  if (!board)
    return page(ctx, 404, 'Board not found | Trello', undefined, boardFragment(undefined));
  return page(ctx, 200, `${board.name} | Trello`, board.shortLink, boardFragment(board));
}

/** A card URL renders its board; the page script then opens the card dialog over it. */
function cardPage(ctx: Ctx): Reply {
  const found = findCard(ctx.state, ctx.params.id ?? '');
  if (!found) return page(ctx, 404, 'Card not found | Trello', undefined, boardFragment(undefined));
  return page(
    ctx,
    200,
    `${found.card.name} on ${found.board.name} | Trello`,
    found.board.shortLink,
    boardFragment(found.board),
  );
}

/** Accepts a board or a card short link (for navigating straight to a card of another board). */
function fragment(ctx: Ctx): Reply {
  const id = ctx.params.id ?? '';
  const board = findBoard(ctx.state, id) ?? findCard(ctx.state, id)?.board;
  return html(board ? 200 : 404, boardFragment(board), { 'cache-control': 'no-store' });
}

const router = new Router()
  .get('/', homePage)
  .get('/b/:id', boardPage)
  .get('/b/:id/:slug', boardPage)
  .get('/c/:id', cardPage)
  .get('/c/:id/:slug', cardPage)
  .get('/__fake/board-fragment/:id', fragment);

export function handleTrelloPage(ctx: Ctx): Promise<Reply> {
  return router.handle(ctx, (c) =>
    page(
      c,
      404,
      'Page not found | Trello',
      undefined,
      '<div id="fake-board-view" data-board="" data-title="Page not found | Trello"><p class="not-found">Page not found.</p></div>',
    ),
  );
}

// The page script. It carries no data: everything it shows comes from server-escaped fragments
// or is set with textContent / value.
const CLIENT_SCRIPT = `
(() => {
  const view = () => document.getElementById('fake-board-view');
  const currentBoard = () => (view() && view().dataset.board) || '';
  const parse = (path) => { const m = /^\\/(b|c)\\/([^/?#]+)/.exec(path); return m ? { kind: m[1], id: m[2] } : null; };

  async function loadFragment(id) {
    const res = await fetch('/__fake/board-fragment/' + encodeURIComponent(id), { credentials: 'same-origin' });
    const tpl = document.createElement('template');
    tpl.innerHTML = await res.text(); // server-rendered, every value escaped
    document.getElementById('fake-main').replaceChildren(tpl.content);
    const v = view();
    if (v && v.dataset.title) document.title = v.dataset.title;
    for (const a of document.querySelectorAll('[data-testid="fake-sidebar"] a')) {
      if (parse(a.pathname) && parse(a.pathname).id === currentBoard()) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  const cardLink = (shortLink) => document.querySelector('a[data-testid="card-name"][href^="/c/' + CSS.escape(shortLink) + '/"]');

  function closeDialog() {
    const o = document.getElementById('fake-card-overlay');
    if (o) o.remove();
  }

  function openDialog(shortLink) {
    closeDialog();
    const link = cardLink(shortLink);
    const listName = link && link.closest('[data-testid="list"]') && link.closest('[data-testid="list"]').querySelector('[data-testid="list-name"]');
    const overlay = document.createElement('div');
    overlay.id = 'fake-card-overlay';
    overlay.className = 'overlay';
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.dataset.testid = 'card-back-name';
    dialog.dataset.cardShortLink = shortLink;
    const header = document.createElement('header');
    const row = document.createElement('div');
    const inList = document.createElement('div');
    inList.textContent = listName ? 'in list ' + listName.textContent : '';
    row.append(inList);
    header.append(row);
    const title = document.createElement('textarea');
    title.dataset.testid = 'card-back-title-input';
    title.rows = 1;
    title.value = link ? link.textContent : 'Card not found';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.setAttribute('aria-label', 'Close dialog');
    close.addEventListener('click', () => navigate('/b/' + currentBoard()));
    dialog.append(header, title, close);
    overlay.append(dialog);
    overlay.addEventListener('click', (ev) => { if (ev.target === overlay) navigate('/b/' + currentBoard()); });
    document.body.append(overlay);
  }

  async function show(path) {
    const target = parse(new URL(path, location.origin).pathname);
    if (!target) { location.assign(path); return; }
    if (target.kind === 'b') {
      closeDialog();
      if (currentBoard() !== target.id) await loadFragment(target.id);
      return;
    }
    if (!cardLink(target.id)) await loadFragment(target.id);
    openDialog(target.id);
  }

  async function navigate(path) {
    history.pushState({}, '', path);
    await show(path);
  }

  document.addEventListener('click', (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target instanceof Element ? ev.target.closest('a[href]') : null;
    if (!a || a.origin !== location.origin || !parse(a.pathname)) return;
    ev.preventDefault();
    navigate(a.pathname + a.search);
  });
  window.addEventListener('popstate', () => { show(location.pathname); });

  // Drag and drop a card onto another list, with the browser's own drag events (like Trello's).
  document.addEventListener('dragstart', (ev) => {
    const card = ev.target instanceof Element ? ev.target.closest('[data-testid="list-card"]') : null;
    if (card) ev.dataTransfer.setData('text/x-fake-card', card.dataset.cardDropCardId);
  });
  document.addEventListener('dragover', (ev) => {
    if (ev.target instanceof Element && ev.target.closest('[data-testid="list"]')) ev.preventDefault();
  });
  document.addEventListener('drop', (ev) => {
    const list = ev.target instanceof Element ? ev.target.closest('[data-testid="list"]') : null;
    const id = ev.dataTransfer.getData('text/x-fake-card');
    const card = id && document.querySelector('[data-card-drop-card-id="' + CSS.escape(id) + '"]');
    if (!list || !card) return;
    ev.preventDefault();
    list.querySelector('[data-testid="list-cards"]').append(card);
  });

  window.__fakeTrello = {
    navigate,
    rerender: () => loadFragment(currentBoard() || (parse(location.pathname) || { id: '' }).id),
  };
  if (location.pathname.startsWith('/c/')) show(location.pathname);
})();
`;

/**
 * Trello's authorize page (`/1/authorize?key=…&return_url=…`): "Allow" sends the signed-in member's
 * token back in the return URL's fragment, "Deny" sends an error.
 */
export function authorizePage(ctx: Ctx): Promise<Reply> {
  const returnUrl = ctx.query.return_url ?? '';
  const member = ctx.state.trello.members.find((m) => m.id === ctx.state.trello.sessionMember);
  const token =
    Object.entries(ctx.state.trello.tokens).find(([, id]) => id === member?.id)?.[0] ?? '';
  const known = ctx.query.key === ctx.state.trello.apiKey;
  const body = known
    ? `<h1>Let Process Lens use your account?</h1><p>It will be able to read and write your boards (${e(ctx.query.scope ?? '')}).</p>
<p><a id="allow" href="${e(`${returnUrl}#token=${token}`)}">Allow</a> <a id="deny" href="${e(`${returnUrl}#error=denied`)}">Deny</a></p>`
    : '<h1>Invalid API key</h1>';
  return Promise.resolve(
    html(known ? 200 : 400, `<!doctype html><title>Authorize</title><body>${body}</body>`),
  );
}
