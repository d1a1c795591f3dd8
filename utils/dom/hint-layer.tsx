/**
 * Places findings on the page: one light-DOM host per hint (carrying the DESIGN §4 data
 * attributes, with an open shadow root), one floating panel for findings whose anchor is not
 * found, and one React root rendering into all of them through portals. Hints of "lazy" anchors
 * (one of thousands of cards) are placed only once their anchor comes near the viewport.
 */
import { createRoot } from 'react-dom/client';
import type { HintUi } from '../../components/hint-ui';
import { PageHints, type PlacedHint } from '../../components/PageHints';
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
 * on a slow machine): while the user scrolls, lazy hints are placed in batches, at most this often.
 */
const LAZY_BATCH_MS = 300;

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
  const hosts = new Map<string, HTMLElement>();
  let findings: readonly Finding[] = [];
  /** Each finding's anchor as resolved by the last reconcile: placing is cheap, resolving is not. */
  let targets: { finding: Finding; target: AnchorTarget | null }[] = [];
  let ui: HintUi | undefined;
  let panelHost: HTMLElement | null = null;
  let lastPlacement = '';
  const root = createRoot(document.createElement('div'));
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
    for (const host of hosts.values()) themed(host);
    if (panelHost) themed(panelHost);
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
  /** Places the hints of cards that came near: at once after a pause, else with the next batch. */
  function placeNear(): void {
    if (batch !== undefined) return;
    const wait = Math.max(0, lastBatch + LAZY_BATCH_MS - performance.now());
    batch = setTimeout(() => {
      batch = undefined;
      lastBatch = performance.now();
      place(false);
    }, wait);
  }

  function shadowHost(tag: string): HTMLElement {
    const host = document.createElement(tag);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [hintStyleSheet()];
    themed(host);
    return host;
  }

  function hostFor(finding: Finding): HTMLElement {
    const key = findingKey(finding);
    let host = hosts.get(key);
    if (!host) {
      host = shadowHost(HINT_TAG);
      hosts.set(key, host);
    }
    const attributes = hostAttributes(finding);
    for (const name of HOST_ATTRIBUTES) {
      const value = attributes[name];
      if (value === undefined) host.removeAttribute(name);
      else if (host.getAttribute(name) !== value) host.setAttribute(name, value);
    }
    return host;
  }

  /** Finds every finding's anchor on the page as it is now, then places the hints. */
  function reconcile(force = false): void {
    const resolve = anchors();
    targets = findings.map((finding) => ({ finding, target: resolve(finding) }));
    // Watch only the lazy anchors of now (an observer holds on to its elements).
    visibility.disconnect();
    for (const { target } of targets)
      if (target?.lazy && !seen.has(target.element)) visibility.observe(target.element);
    place(force);
  }

  /**
   * Places every hint whose anchor is known (and near, if lazy); renders only when something
   * moved, unless `force`.
   */
  function place(force: boolean): void {
    const placed: PlacedHint[] = [];
    const unplaced: Finding[] = [];
    const wanted = new Set<string>();
    for (const { finding, target } of targets) {
      if (!target) {
        unplaced.push(finding);
        continue;
      }
      if (target.lazy && !seen.has(target.element)) continue; // on the page, not yet in view
      const key = findingKey(finding);
      wanted.add(key);
      const host = hostFor(finding);
      if (target.position === 'after' && host.previousElementSibling !== target.element)
        target.element.after(host);
      if (target.position === 'append' && host.parentElement !== target.element)
        target.element.append(host);
      placed.push({ key, finding, container: host.shadowRoot as ShadowRoot });
    }
    for (const [key, host] of hosts) {
      if (!wanted.has(key)) {
        retired.add(host);
        host.remove();
        hosts.delete(key);
      }
    }
    if (unplaced.length > 0 && !panelHost?.isConnected) {
      panelHost ??= shadowHost(PANEL_TAG);
      panelHost.setAttribute('data-process-panel', '');
      document.body.append(panelHost);
    }
    if (unplaced.length === 0 && panelHost) {
      retired.add(panelHost);
      panelHost.remove();
      panelHost = null;
    }
    const placement = `${placed.map((p) => p.key).join('\n')}|${unplaced.length}|${!!panelHost}`;
    if ((force || placement !== lastPlacement) && ui) {
      lastPlacement = placement;
      root.render(
        <PageHints
          placed={placed}
          unplaced={unplaced}
          panel={panelHost?.shadowRoot ?? null}
          ui={ui}
        />,
      );
    }
  }

  return {
    /** Shows these findings (replacing the previous ones) with this UI state. */
    show(next: readonly Finding[], nextUi: HintUi): void {
      findings = next;
      ui = nextUi;
      reconcile(true);
    },
    /** After page changes: re-places hints, renders only if a placement changed. */
    reconcile: () => reconcile(false),
    destroy(): void {
      visibility.disconnect();
      stopTheme();
      clearTimeout(batch);
      root.unmount();
      for (const host of hosts.values()) host.remove();
      hosts.clear();
      panelHost?.remove();
      panelHost = null;
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
