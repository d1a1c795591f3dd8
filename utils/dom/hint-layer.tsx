/**
 * Places findings on the page: one light-DOM host per hint (carrying the DESIGN §4 data
 * attributes, with an open shadow root), one floating panel for findings whose anchor is not
 * found, and one React root rendering into all of them through portals.
 */
import { createRoot } from 'react-dom/client';
import { PageHints, type PlacedHint } from '../../components/PageHints';
import { hintStyleSheet } from '../../components/styles';
import type { Finding } from '../process/findings';

export const HINT_TAG = 'process-lens-hint';
export const PANEL_TAG = 'process-lens-panel';

/** Where a hint goes: right after the anchor element, or appended inside it. */
export interface AnchorTarget {
  element: Element;
  position: 'after' | 'append';
}

export type ResolveAnchor = (finding: Finding) => AnchorTarget | null;

export function findingKey(finding: Finding): string {
  return `${finding.rule}|${finding.subject}`;
}

export function isOwnNode(node: Node): boolean {
  return node instanceof Element && (node.localName === HINT_TAG || node.localName === PANEL_TAG);
}

export function createHintLayer(
  resolveAnchor: ResolveAnchor,
  document: Document = globalThis.document,
) {
  const hosts = new Map<string, HTMLElement>();
  let findings: readonly Finding[] = [];
  let panelHost: HTMLElement | null = null;
  let lastSignature = '';
  const root = createRoot(document.createElement('div'));

  function shadowHost(tag: string, attributes: Record<string, string>): HTMLElement {
    const host = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [hintStyleSheet()];
    return host;
  }

  function hostFor(finding: Finding): HTMLElement {
    const key = findingKey(finding);
    let host = hosts.get(key);
    if (host && host.getAttribute('data-process-severity') !== finding.severity) {
      host.setAttribute('data-process-severity', finding.severity);
    }
    if (!host) {
      host = shadowHost(HINT_TAG, {
        'data-process-hint': finding.rule,
        'data-process-severity': finding.severity,
        'data-process-subject': finding.subject,
      });
      hosts.set(key, host);
    }
    return host;
  }

  /** Re-places every hint; cheap when nothing moved. Call after DOM changes (batched per frame). */
  function reconcile(): void {
    const placed: PlacedHint[] = [];
    const unplaced: Finding[] = [];
    const wanted = new Set<string>();
    for (const finding of findings) {
      const key = findingKey(finding);
      const target = resolveAnchor(finding);
      if (!target) {
        unplaced.push(finding);
        continue;
      }
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
        host.remove();
        hosts.delete(key);
      }
    }
    if (unplaced.length > 0 && !panelHost?.isConnected) {
      panelHost ??= shadowHost(PANEL_TAG, { 'data-process-panel': '' });
      document.body.append(panelHost);
    }
    if (unplaced.length === 0 && panelHost) {
      panelHost.remove();
      panelHost = null;
    }
    const signature = JSON.stringify([
      placed.map((p) => [p.key, p.finding]),
      unplaced,
      !!panelHost,
    ]);
    if (signature !== lastSignature) {
      lastSignature = signature;
      root.render(
        <PageHints placed={placed} unplaced={unplaced} panel={panelHost?.shadowRoot ?? null} />,
      );
    }
  }

  return {
    show(next: readonly Finding[]): void {
      findings = next;
      reconcile();
    },
    reconcile,
    destroy(): void {
      root.unmount();
      for (const host of hosts.values()) host.remove();
      hosts.clear();
      panelHost?.remove();
      panelHost = null;
      findings = [];
    },
  };
}

export type HintLayer = ReturnType<typeof createHintLayer>;

/** One observer for the page, batched per animation frame, blind to our own hosts. */
export function observePage(target: Node, onChange: () => void): () => void {
  let scheduled = 0;
  // Our own hosts moving in and out are not news.
  const onlyOurs = (record: MutationRecord) => {
    const nodes = [...record.addedNodes, ...record.removedNodes];
    return nodes.length > 0 && nodes.every(isOwnNode);
  };
  const observer = new MutationObserver((records) => {
    if (scheduled || records.every(onlyOurs)) return;
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
