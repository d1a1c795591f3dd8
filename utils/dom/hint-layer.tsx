/**
 * Places findings on the page: one light-DOM host per hint (carrying the data-process-*
 * attributes, with an open shadow root) and one floating panel for findings whose anchor is not
 * found, each rendered by its own small root: a hint placed as its card scrolls into view renders
 * that hint alone. Hints of "lazy" anchors (one of thousands of cards) are placed only once their
 * anchor comes near the viewport.
 */
import { createRoot, type Root } from 'react-dom/client';
import { FloatingPanel } from '../../components/FloatingPanel';
import { HintBadge } from '../../components/HintBadge';
import type { HintUi } from '../../components/hint-ui';
import { hintStyleSheet } from '../../components/styles';
import type { Finding } from '../process/findings';
import { type PageTheme, watchPageTheme } from './page-theme';

export const HINT_TAG = 'process-lens-hint';
export const PANEL_TAG = 'process-lens-panel';

/** Where a hint goes: right after the anchor element, or appended inside it. */
export interface AnchorTarget {
  element: Element;
  position: 'after' | 'append';
  /** Place it only once the element comes near the viewport (and keep it from then on). */
  lazy?: boolean;
}

/** How far outside the viewport (and outside a scrolled list) lazy hints are placed in advance. */
const LAZY_MARGIN = '1000px';
/**
 * Each placement makes the page lay the card's list out again (tens of ms for a list of 800 cards
 * on a slow machine): lazy hints are placed in batches, at most this often.
 */
const LAZY_BATCH_MS = 300;
/**
 * While a list or the page scrolls, lazy hints wait until the scrolling has paused this long: a
 * batch placed mid-scroll lays out and repaints the whole list inside a frame of the scroll, 40–70
 * ms on two cores (docs/benchmarks-history.md).
 */
const SCROLL_PAUSE_MS = 150;
/**
 * New lazy hints per batch at most, those nearest the viewport first: a long scroll brings many
 * cards near at once, and 63 in one batch made a 54 ms task (docs/benchmarks-history.md).
 */
const LAZY_BATCH_SIZE = 30;

export type ResolveAnchor = (finding: Finding) => AnchorTarget | null;

/** One hint per rule, subject and kind of place (`pr.reviews` shows at the title and at the merge box). */
export function findingKey(finding: Finding): string {
  return `${finding.rule}|${finding.subject}|${finding.anchor.kind}`;
}

/** Hosts the layer took out itself: their removal is no change of the page's. */
const retired = new WeakSet<Node>();

export function isOwnNode(node: Node): boolean {
  return node instanceof Element && (node.localName === HINT_TAG || node.localName === PANEL_TAG);
}

const HOST_ATTRIBUTES = [
  'data-process-hint',
  'data-process-severity',
  'data-process-subject',
  'data-process-action',
];

function hostAttributes(finding: Finding): Record<string, string | undefined> {
  return {
    'data-process-hint': finding.rule,
    'data-process-severity': finding.severity,
    'data-process-subject': finding.subject,
    'data-process-action': finding.action,
  };
}

/**
 * @param anchors called once per reconcile, so it can index the page once (e.g. every card link)
 *   instead of searching the whole page for each finding.
 */
export function createHintLayer(
  anchors: () => ResolveAnchor,
  document: Document = globalThis.document,
) {
  /** Each placed hint's host, its root, and what that root last rendered. */
  const hosts = new Map<string, { host: HTMLElement; root: Root; shown?: [Finding, HintUi] }>();
  let findings: readonly Finding[] = [];
  /** Each finding's anchor as resolved by the last reconcile: placing is cheap, resolving is not. */
  let targets: { finding: Finding; target: AnchorTarget | null }[] = [];
  let ui: HintUi | undefined;
  let panel: { host: HTMLElement; root: Root; shown?: [string, HintUi] } | null = null;
  // The page's theme, on every host, so the shared stylesheet picks the colours (followed from
  // here: a page that never shows a hint never watches its theme).
  let theme: PageTheme = { scheme: 'light', contrast: 'normal' };
  const themed = (host: HTMLElement) => {
    host.setAttribute('data-process-theme', theme.scheme);
    if (theme.contrast === 'high') host.setAttribute('data-process-contrast', 'high');
    else host.removeAttribute('data-process-contrast');
  };
  const stopTheme = watchPageTheme((next) => {
    theme = next;
    for (const { host } of hosts.values()) themed(host);
    if (panel) themed(panel.host);
  }, document);
  /** Lazy anchors that have come near the viewport. */
  const seen = new WeakSet<Element>();
  const visibility = new IntersectionObserver(
    (entries) => {
      const shown = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
      for (const element of shown) {
        seen.add(element);
        visibility.unobserve(element);
      }
      if (shown.length > 0) placeNear();
    },
    // scrollMargin (not yet in TypeScript's DOM types) also widens the lists' own scroll boxes.
    { rootMargin: LAZY_MARGIN, scrollMargin: LAZY_MARGIN } as IntersectionObserverInit,
  );

  let batch: ReturnType<typeof setTimeout> | undefined;
  let lastBatch = Number.NEGATIVE_INFINITY;
  let lastScroll = Number.NEGATIVE_INFINITY;
  // Any scroll of the page or of one of its lists (scroll events do not bubble: captured here),
  // listened to only once there are lazy hints (a board's cards), not on every page with hints.
  const scrolled = () => {
    lastScroll = performance.now();
  };
  let listening = false;
  const listenToScrolls = () => {
    if (listening) return;
    listening = true;
    document.addEventListener('scroll', scrolled, { capture: true, passive: true });
  };
  /**
   * Places the hints of cards that came near: at once when nothing scrolls and no batch was just
   * placed, else once the scrolling pauses and with the next batch.
   */
  function placeNear(): void {
    if (batch !== undefined) return;
    const now = performance.now();
    const wait = Math.max(0, lastBatch + LAZY_BATCH_MS - now, lastScroll + SCROLL_PAUSE_MS - now);
    batch = setTimeout(() => {
      batch = undefined;
      if (performance.now() - lastScroll < SCROLL_PAUSE_MS) return placeNear(); // still scrolling
      lastBatch = performance.now();
      place();
    }, wait);
  }

  function shadowHost(tag: string): HTMLElement {
    const host = document.createElement(tag);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [hintStyleSheet()];
    themed(host);
    return host;
  }

  function hostFor(finding: Finding) {
    const key = findingKey(finding);
    let placed = hosts.get(key);
    if (!placed) {
      const host = shadowHost(HINT_TAG);
      placed = { host, root: createRoot(host.shadowRoot as ShadowRoot) };
      hosts.set(key, placed);
    }
    const attributes = hostAttributes(finding);
    for (const name of HOST_ATTRIBUTES) {
      const value = attributes[name];
      if (value === undefined) placed.host.removeAttribute(name);
      else if (placed.host.getAttribute(name) !== value) placed.host.setAttribute(name, value);
    }
    return placed;
  }

  function retire(placed: { host: HTMLElement; root: Root }): void {
    placed.root.unmount();
    retired.add(placed.host);
    placed.host.remove();
  }

  /** Finds every finding's anchor on the page as it is now, then places the hints. */
  function reconcile(): void {
    const resolve = anchors();
    targets = findings.map((finding) => ({ finding, target: resolve(finding) }));
    // Watch only the lazy anchors of now (an observer holds on to its elements).
    visibility.disconnect();
    for (const { target } of targets)
      if (target?.lazy && !seen.has(target.element)) {
        listenToScrolls();
        visibility.observe(target.element);
      }
    place();
  }

  /** The near lazy anchors with no hint yet beyond this batch's LAZY_BATCH_SIZE nearest. */
  function laterThisBatch(): Set<Element> {
    const waiting = targets.flatMap(({ finding, target }) =>
      target?.lazy && seen.has(target.element) && !hosts.has(findingKey(finding))
        ? [target.element]
        : [],
    );
    if (waiting.length <= LAZY_BATCH_SIZE) return new Set();
    const { innerWidth: width, innerHeight: height } = window;
    const distance = (element: Element) => {
      const box = element.getBoundingClientRect();
      const dx = Math.max(0, box.left - width, -box.right);
      const dy = Math.max(0, box.top - height, -box.bottom);
      return dx + dy;
    };
    const nearestFirst = waiting
      .map((element) => ({ element, distance: distance(element) }))
      .sort((a, b) => a.distance - b.distance);
    return new Set(nearestFirst.slice(LAZY_BATCH_SIZE).map(({ element }) => element));
  }

  /**
   * Places every hint whose anchor is known (and near, if lazy; LAZY_BATCH_SIZE new ones at most,
   * the rest with the next batch) and renders the hints that are new or whose finding or UI state
   * changed.
   */
  function place(): void {
    const unplaced: Finding[] = [];
    const wanted = new Set<string>();
    const later = laterThisBatch();
    if (later.size > 0) placeNear();
    for (const { finding, target } of targets) {
      if (!target) {
        unplaced.push(finding);
        continue;
      }
      if (target.lazy && !seen.has(target.element)) continue; // on the page, not yet in view
      const key = findingKey(finding);
      if (later.has(target.element) && !hosts.has(key)) continue; // near, with the next batch
      wanted.add(key);
      const placed = hostFor(finding);
      const { host } = placed;
      if (target.position === 'after' && host.previousElementSibling !== target.element)
        target.element.after(host);
      if (target.position === 'append' && host.parentElement !== target.element)
        target.element.append(host);
      if (ui && (placed.shown?.[0] !== finding || placed.shown[1] !== ui)) {
        placed.shown = [finding, ui];
        placed.root.render(<HintBadge finding={finding} ui={ui} />);
      }
    }
    for (const [key, placed] of hosts) {
      if (wanted.has(key)) continue;
      retire(placed);
      hosts.delete(key);
    }
    if (unplaced.length === 0) {
      if (panel) retire(panel);
      panel = null;
      return;
    }
    if (!panel) {
      const host = shadowHost(PANEL_TAG);
      host.setAttribute('data-process-panel', '');
      panel = { host, root: createRoot(host.shadowRoot as ShadowRoot) };
    }
    if (!panel.host.isConnected) document.body.append(panel.host);
    const keys = unplaced.map(findingKey).join('\n');
    if (ui && (panel.shown?.[0] !== keys || panel.shown[1] !== ui)) {
      panel.shown = [keys, ui];
      panel.root.render(<FloatingPanel findings={unplaced} ui={ui} />);
    }
  }

  return {
    /** Shows these findings (replacing the previous ones) with this UI state. */
    show(next: readonly Finding[], nextUi: HintUi): void {
      findings = next;
      ui = nextUi;
      reconcile();
    },
    /** After page changes: re-places hints; renders only the hints that are new. */
    reconcile,
    destroy(): void {
      visibility.disconnect();
      document.removeEventListener('scroll', scrolled, { capture: true });
      stopTheme();
      clearTimeout(batch);
      for (const placed of hosts.values()) retire(placed);
      hosts.clear();
      if (panel) retire(panel);
      panel = null;
      findings = [];
      targets = [];
    },
  };
}

export type HintLayer = ReturnType<typeof createHintLayer>;

/**
 * One observer for the page, batched per animation frame. Only changes that can move a hint count:
 * elements added or removed that are or contain an anchor (`anchors`, a selector), or our own hosts
 * taken out by the page. A live page's other churn (timers, presence, text) costs a `matches` per
 * added element, not a re-placement of every hint.
 */
export function observePage(target: Node, anchors: string, onChange: () => void): () => void {
  let scheduled = 0;
  const ours = `${HINT_TAG}, ${PANEL_TAG}`;
  const hasAnchor = (node: Node) =>
    node instanceof Element && (node.matches(anchors) || node.querySelector(anchors) !== null);
  // Hosts we moved are back in the page by now; one the page removed (or cleared with its
  // parent) is not.
  const lostHost = (node: Node) =>
    node instanceof Element &&
    (isOwnNode(node) ? !node.isConnected && !retired.has(node) : node.querySelector(ours) !== null);
  const matters = (record: MutationRecord) =>
    [...record.addedNodes].some((node) => !isOwnNode(node) && hasAnchor(node)) ||
    [...record.removedNodes].some((node) => lostHost(node) || hasAnchor(node));
  const observer = new MutationObserver((records) => {
    if (scheduled || !records.some(matters)) return;
    scheduled = requestAnimationFrame(() => {
      scheduled = 0;
      onChange();
    });
  });
  observer.observe(target, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    if (scheduled) cancelAnimationFrame(scheduled);
  };
}
