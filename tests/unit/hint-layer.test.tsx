import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HintUi } from '../../components/hint-ui';
import { createHintLayer, type HintLayer, observePage } from '../../utils/dom/hint-layer';
import type { Finding } from '../../utils/process/findings';
import { trelloAnchors, WATCHED } from '../../utils/trello/anchors';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const XSS = 'Test <img src=0 onerror=alert(1)> Test';

const boardFinding = (extra: Partial<Finding> = {}): Finding => ({
  rule: 'board.missing-lists',
  severity: 'warn',
  subject: 'LeRnAnTa',
  anchor: { kind: 'board', board: 'LeRnAnTa' },
  title: '1 process list missing: Stuck',
  message: 'This project board has no “Stuck” list.',
  sentence: 'Project Trello boards have the following lists',
  ...extra,
});

const cardFinding = (card: string): Finding => ({
  rule: 'card.stuck',
  severity: 'info',
  subject: card,
  anchor: { kind: 'card', board: 'LeRnAnTa', card },
  title: 'Stuck',
  message: 'Raise it at the call.',
});

function boardPage(withHeader = true): void {
  document.body.replaceChildren();
  const html = `${withHeader ? '<h1 data-testid="board-name-display">Lernanta</h1>' : ''}
    <ol data-testid="list-cards"><li data-testid="list-card"><div data-testid="trello-card">
      <a data-testid="card-name" href="/c/CaRd0001/1-fix">Fix</a></div></li></ol>`;
  // A fixture of Trello's markup (as tests/fake/trello-pages.ts serves it), parsed, not injected.
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.append(...document.importNode(parsed.body, true).childNodes);
}

const hints = () => [...document.querySelectorAll('[data-process-hint]')];
const shadowText = (el: Element) => el.shadowRoot?.textContent ?? '';

const ui: HintUi = {
  actionState: () => ({ state: 'idle' }),
  runAction: () => {},
  undo: () => {},
  openOptions: () => {},
  linkFor: () => undefined,
};

/** happy-dom has no layout: the tests say which elements come into view. */
class FakeIntersectionObserver {
  static all = new Set<FakeIntersectionObserver>();
  readonly targets = new Set<Element>();
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.all.add(this);
  }
  observe(element: Element) {
    this.targets.add(element);
  }
  unobserve(element: Element) {
    this.targets.delete(element);
  }
  disconnect() {
    this.targets.clear();
  }
  takeRecords() {
    return [];
  }
}

/** The element comes into view (with fake timers: the layer batches its placements). */
function reveal(element: Element): void {
  for (const observer of FakeIntersectionObserver.all) {
    if (!observer.targets.has(element)) continue;
    const entry = { target: element, isIntersecting: true } as IntersectionObserverEntry;
    act(() => observer.callback([entry], observer as unknown as IntersectionObserver));
  }
}

/** The element comes into view, and the layer's batch of placements runs. */
function scrollIntoView(element: Element): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    reveal(element);
    act(() => vi.runOnlyPendingTimers());
  } finally {
    vi.useRealTimers();
  }
}

/** A list of `count` cards (CaRd0001…); `placeAt(top)` lays card i out `top(i)` px down (happy-dom has no layout). */
function manyCards(count: number) {
  boardPage();
  const [first] = [...document.querySelectorAll('[data-testid="list-card"]')];
  const ids = Array.from({ length: count }, (_, i) => `CaRd${String(i + 1).padStart(4, '0')}`);
  for (const [i, id] of ids.entries()) {
    if (i === 0) continue;
    const card = first?.cloneNode(true) as Element;
    card.querySelector('a')?.setAttribute('href', `/c/${id}/${i + 1}-next`);
    first?.parentElement?.append(card);
  }
  const cards = [...document.querySelectorAll('[data-testid="trello-card"]')];
  const placeAt = (top: (i: number) => number) => {
    for (const [i, card] of cards.entries()) {
      const y = top(i);
      card.getBoundingClientRect = () =>
        ({ top: y, bottom: y + 40, left: 0, right: 200 }) as DOMRect;
    }
  };
  return { ids, cards, placeAt };
}

const cardElement = () => document.querySelector('[data-testid="trello-card"]') as Element;

let layer: HintLayer;
beforeEach(() => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  layer = createHintLayer(() => trelloAnchors(document));
});
afterEach(() => {
  act(() => layer.destroy());
  FakeIntersectionObserver.all.clear();
  vi.unstubAllGlobals();
});

describe('hint layer', () => {
  it('puts a board hint right after the board header, with the markup contract', () => {
    boardPage();
    act(() => layer.show([boardFinding()], ui));
    const [host] = hints();
    expect(host?.previousElementSibling?.matches('h1[data-testid="board-name-display"]')).toBe(
      true,
    );
    expect(host?.getAttribute('data-process-hint')).toBe('board.missing-lists');
    expect(host?.getAttribute('data-process-severity')).toBe('warn');
    expect(host?.getAttribute('data-process-subject')).toBe('LeRnAnTa');
    expect(host?.shadowRoot?.mode).toBe('open');
    expect(shadowText(host as Element)).toContain('1 process list missing: Stuck');
    expect(document.querySelector('[data-process-panel]')).toBeNull();
  });

  it("marks every host and the panel with the page's theme, and follows a switch", async () => {
    const html = document.documentElement;
    html.setAttribute('data-color-mode', 'dark');
    html.setAttribute('data-theme', 'dark:dark light:light');
    try {
      act(() => layer.destroy()); // the layer reads the theme when it is made
      layer = createHintLayer(() => trelloAnchors(document));
      boardPage(false); // no header: the board hint goes to the panel
      act(() => layer.show([boardFinding()], ui));
      const panel = document.querySelector('[data-process-panel]');
      expect(panel?.getAttribute('data-process-theme')).toBe('dark');
      boardPage();
      act(() => layer.reconcile());
      const [host] = hints();
      expect(host?.getAttribute('data-process-theme')).toBe('dark');
      html.setAttribute('data-color-mode', 'light');
      await new Promise((done) => setTimeout(done, 0));
      expect(host?.getAttribute('data-process-theme')).toBe('light');
      expect(host?.hasAttribute('data-process-contrast')).toBe(false);
      html.setAttribute('data-theme', 'dark:dark light:light-increased-contrast');
      await new Promise((done) => setTimeout(done, 0));
      expect(host?.getAttribute('data-process-contrast')).toBe('high');
    } finally {
      html.removeAttribute('data-color-mode');
      html.removeAttribute('data-theme');
    }
  });

  it('puts a card hint inside its trello-card, found by the card link, once the card is near the viewport', () => {
    boardPage();
    act(() => layer.show([cardFinding('CaRd0001')], ui));
    // On the page but not yet in view: no host, and not in the panel either.
    expect(hints()).toHaveLength(0);
    expect(document.querySelector('[data-process-panel]')).toBeNull();
    scrollIntoView(cardElement());
    expect(hints()).toHaveLength(1);
    expect(hints()[0]?.parentElement).toBe(cardElement());
    expect(hints()[0]?.getAttribute('data-process-subject')).toBe('CaRd0001');
    // Seen once, placed from then on: shown again or reconciled, still one host.
    act(() => layer.show([cardFinding('CaRd0001')], ui));
    act(() => layer.reconcile());
    scrollIntoView(cardElement());
    expect(hints()).toHaveLength(1);
  });

  it('places cards that come into view while scrolling in batches, not one page layout each', () => {
    boardPage();
    const [first] = [...document.querySelectorAll('[data-testid="list-card"]')];
    const second = first?.cloneNode(true) as Element;
    second.querySelector('a')?.setAttribute('href', '/c/CaRd0002/2-next');
    first?.after(second);
    act(() => layer.show([cardFinding('CaRd0001'), cardFinding('CaRd0002')], ui));
    const subjects = () => hints().map((h) => h.getAttribute('data-process-subject'));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      reveal(first?.firstElementChild as Element);
      act(() => vi.advanceTimersByTime(0)); // the first one after a pause: at once
      expect(subjects()).toEqual(['CaRd0001']);
      reveal(second.firstElementChild as Element);
      act(() => vi.advanceTimersByTime(100)); // right after: with the next batch
      expect(subjects()).toEqual(['CaRd0001']);
      act(() => vi.advanceTimersByTime(300));
      expect(subjects()).toEqual(['CaRd0001', 'CaRd0002']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('places at most 30 new card hints per batch (nearest the viewport first), the rest with the next', () => {
    const { ids, cards, placeAt } = manyCards(35);
    placeAt((i) => (i >= 30 ? 100 : 5_000 + i * 50)); // the last five on screen, the others further down
    const findings = ids.map((id) => cardFinding(id));
    act(() => layer.show(findings, ui));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      for (const card of cards) reveal(card);
      act(() => vi.advanceTimersByTime(0));
      expect(hints()).toHaveLength(30);
      const subjects = hints().map((h) => h.getAttribute('data-process-subject'));
      expect(subjects).toEqual(expect.arrayContaining(ids.slice(30)));
      act(() => vi.advanceTimersByTime(300));
      expect(hints()).toHaveLength(35);
      expect(new Set(hints().map((h) => h.getAttribute('data-process-subject'))).size).toBe(35);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a card’s placed hint while a new finding of that card waits for the next batch', () => {
    const { ids, cards, placeAt } = manyCards(40);
    placeAt((i) => 5_000 + i * 50); // the first 30 nearest
    const stuck = ids.map((id) => cardFinding(id));
    act(() => layer.show(stuck, ui));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      for (const card of cards) reveal(card);
      act(() => vi.advanceTimersByTime(0));
      expect(hints()).toHaveLength(30);
      // Now the last ten are nearest, and the first 30 get a second finding each: 40 new hints
      // wait, so ten of the first 30 cards wait for the next batch; their placed hint stays.
      placeAt((i) => (i >= 30 ? 100 : 10_000 + i * 50));
      const stale = ids
        .slice(0, 30)
        .map((id): Finding => ({ ...cardFinding(id), rule: 'card.stale-in-progress' }));
      act(() => layer.show([...stuck, ...stale], ui));
      const count = (rule: string) =>
        hints().filter((h) => h.getAttribute('data-process-hint') === rule).length;
      expect([count('card.stuck'), count('card.stale-in-progress')]).toEqual([40, 20]);
      act(() => vi.advanceTimersByTime(300));
      expect([count('card.stuck'), count('card.stale-in-progress')]).toEqual([40, 30]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('while a list scrolls, places the cards that came near once the scrolling pauses', () => {
    boardPage();
    const list = document.querySelector('[data-testid="list-cards"]') as Element;
    act(() => layer.show([cardFinding('CaRd0001')], ui));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const scroll = () => list.dispatchEvent(new Event('scroll')); // does not bubble
      scroll();
      reveal(cardElement());
      act(() => vi.advanceTimersByTime(100));
      scroll(); // still scrolling
      act(() => vi.advanceTimersByTime(100));
      expect(hints()).toHaveLength(0);
      act(() => vi.advanceTimersByTime(50)); // 150 ms without a scroll
      expect(hints()).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('falls back to the floating panel when the anchor is missing', () => {
    boardPage(false);
    act(() => layer.show([boardFinding(), cardFinding('NoTsHoWn')], ui));
    expect(hints()).toHaveLength(0);
    const panel = document.querySelector('[data-process-panel]');
    expect(shadowText(panel as Element)).toContain('1 process list missing: Stuck');
    expect(shadowText(panel as Element)).toContain('Raise it at the call.');
  });

  it('never duplicates a hint when shown again or reconciled', () => {
    boardPage();
    act(() => layer.show([boardFinding()], ui));
    act(() => layer.show([boardFinding()], ui));
    act(() => layer.reconcile());
    expect(hints()).toHaveLength(1);
  });

  it('follows a re-rendered header and removes hints that are gone', () => {
    boardPage();
    act(() => layer.show([boardFinding()], ui));
    boardPage(); // the page re-renders: our host is gone with the old header
    act(() => layer.reconcile());
    expect(hints()).toHaveLength(1);
    act(() => layer.show([boardFinding({ severity: 'ok', title: 'Process lists complete' })], ui));
    expect(hints()).toHaveLength(1);
    expect(hints()[0]?.getAttribute('data-process-severity')).toBe('ok');
    act(() => layer.show([], ui));
    expect(hints()).toHaveLength(0);
  });

  it('renders page text as text, never as HTML', () => {
    boardPage();
    act(() => layer.show([boardFinding({ title: XSS, message: XSS })], ui));
    const host = hints()[0] as Element;
    expect(host.shadowRoot?.querySelector('img')).toBeNull();
    expect(shadowText(host)).toContain(XSS);
  });

  it('offers the missing-lists choices as buttons naming their list; list names stay text', () => {
    boardPage();
    const runAction = vi.fn();
    const todo = { id: 'a'.repeat(24), name: 'To Do' };
    const options = [
      { id: 'b'.repeat(24), name: XSS },
      { id: 'c'.repeat(24), name: 'HACIENDO' },
    ];
    const finding = boardFinding({
      choices: [
        { kind: 'synonym', role: 'Need to do', list: todo },
        { kind: 'map', role: 'In progress', options },
      ],
    });
    act(() => layer.show([finding], { ...ui, runAction }));
    const root = (hints()[0] as Element).shadowRoot as ShadowRoot;
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toContain('“To Do” looks like “Need to do”: rename it, or keep it');
    expect(root.textContent).toContain('Which list is your “In progress”?');
    const button = (action: string) =>
      root.querySelector(`button[data-process-action="${action}"]`) as HTMLButtonElement;
    expect(button('rename-list').getAttribute('data-process-list')).toBe(todo.id);
    expect(button('keep-list-name').getAttribute('data-process-list')).toBe(todo.id);
    act(() => button('rename-list').click());
    act(() => button('keep-list-name').click());
    // The map button saves the list chosen in the select (the first until another is chosen).
    const select = root.querySelector(
      'select[data-process-role="In progress"]',
    ) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([XSS, 'HACIENDO']);
    act(() => {
      select.value = 'c'.repeat(24);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(button('map-list').getAttribute('data-process-list')).toBe('c'.repeat(24));
    act(() => button('map-list').click());
    expect(runAction.mock.calls.map(([, choice]) => choice)).toEqual([
      { action: 'rename-list', list: todo.id, role: 'Need to do' },
      { action: 'keep-list-name', list: todo.id, role: 'Need to do' },
      { action: 'map-list', list: 'c'.repeat(24), role: 'In progress' },
    ]);
  });

  it('shows a finding’s link and a fix’s link as https links, their URL as text; other schemes not at all', () => {
    boardPage();
    const linkUi: HintUi = {
      ...ui,
      actionState: () => ({
        state: 'done',
        message: 'Card created:',
        link: 'https://trello.com/c/NeWcArD1',
      }),
    };
    act(() => layer.show([boardFinding({ link: 'https://trello.com/c/AbCd1234' })], linkUi));
    const links = () =>
      [...(hints()[0]?.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => [
        a.getAttribute('href'),
        a.textContent,
      ]);
    expect(links()).toEqual([
      ['https://trello.com/c/AbCd1234', 'https://trello.com/c/AbCd1234'],
      ['https://trello.com/c/NeWcArD1', 'https://trello.com/c/NeWcArD1'],
    ]);
    for (const bad of [
      'javascript:alert(1)',
      'http://trello.com/c/AbCd1234',
      'data:text/html,<svg onload=alert(1)>',
      'https://evil.example/c/AbCd1234',
      'https://trello.com.evil.example/c/AbCd1234',
    ]) {
      act(() => layer.show([boardFinding({ link: bad })], ui));
      expect(links()).toEqual([]);
    }
  });

  it('says when the data was read, whatever its source (not "Board data" on GitHub)', () => {
    boardPage();
    const asOf = new Date(2026, 10, 25, 17, 5).getTime(); // 17:05 in the reader's zone
    act(() => layer.show([boardFinding()], { ...ui, asOf }));
    expect(shadowText(hints()[0] as Element)).toContain('Data as of 17:05');
    expect(shadowText(hints()[0] as Element)).not.toContain('Board data');
  });

  it('leaves nothing behind when destroyed (extension reloaded)', () => {
    boardPage(false);
    act(() => layer.show([boardFinding()], ui));
    act(() => layer.destroy());
    expect(document.querySelector('process-lens-hint, process-lens-panel')).toBeNull();
  });
});

describe('page observer', () => {
  /** Mutation records arrive in a microtask, the batched call in the next animation frame. */
  const nextFrame = () =>
    new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));

  async function callsAfter(change: () => void): Promise<number> {
    let calls = 0;
    const stop = observePage(document.body, WATCHED, () => calls++);
    change();
    await nextFrame();
    stop();
    return calls;
  }

  it('ignores what cannot move a hint: text, badges, elements without an anchor', async () => {
    boardPage();
    const calls = await callsAfter(() => {
      const header = document.body.appendChild(document.createElement('header'));
      header.textContent = 'presence: 3';
      document.querySelector('[data-testid="trello-card"]')?.append(document.createElement('span'));
      header.remove();
    });
    expect(calls).toBe(0);
  });

  it('wakes once per frame for cards, lists or the header coming or going', async () => {
    boardPage();
    const card = () => document.querySelector('[data-testid="list-card"]') as Element;
    expect(
      await callsAfter(() => {
        card().after(card().cloneNode(true));
        card().remove();
      }),
    ).toBe(1);
    expect(await callsAfter(() => document.querySelector('h1')?.remove())).toBe(1);
  });

  it('wakes when the page takes one of our hosts out, not when we move it', async () => {
    boardPage();
    act(() => layer.show([cardFinding('CaRd0001')], ui));
    scrollIntoView(cardElement());
    const host = hints()[0] as Element;
    const card = cardElement();
    expect(await callsAfter(() => card.prepend(host))).toBe(0);
    expect(await callsAfter(() => host.remove())).toBe(1);
  });
});
