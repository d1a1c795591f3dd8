/**
 * Where hints mount on GitHub's pages (docs/architecture.md, "Page runtime"): one array per anchor, newest first,
 * each dated; legacy entries beside new ones. No facts are read from these nodes.
 */
import type { AnchorTarget, ResolveAnchor } from '../dom/hint-layer';

interface DatedSelector {
  selector: string;
  position: AnchorTarget['position'];
  /** Last seen working on github.com. */
  seen: string;
}

// TODO [2027-01-01]: drop the legacy entries once GitHub's React pages are everywhere.
export const HEADER_ACTIONS: readonly DatedSelector[] = [
  {
    selector: '[data-testid="issue-header"] [data-component="PH_Actions"]',
    position: 'append',
    seen: '2026-08-02',
  },
  { selector: '[data-component="PH_Actions"]', position: 'append', seen: '2026-08-02' },
  { selector: '[class*="PageHeader-Actions"]', position: 'append', seen: '2026-08-02' },
  { selector: '.gh-header-actions', position: 'append', seen: 'legacy' },
];

export const MERGE_BOX: readonly DatedSelector[] = [
  {
    selector: '[data-testid="mergebox-partial"] section[aria-label="Reviews"]',
    position: 'after',
    seen: '2026-08',
  },
  { selector: '[data-testid="mergebox-partial"]', position: 'append', seen: '2026-08' },
  { selector: 'div[class*="MergeBox-module"]', position: 'append', seen: '2026-04-16' },
];

const REVIEW_DECISION = 'span[class^="ReviewDecision-module__reviewDecisionContent"]';
const PULL_LINK = 'a[href*="/pull/"]';

/** What the page observer watches: a hint can only move when one of these comes or goes. */
export const WATCHED = [
  ...[HEADER_ACTIONS, MERGE_BOX].flat().map(({ selector }) => selector),
  PULL_LINK,
  REVIEW_DECISION,
].join(', ');

function first(selectors: readonly DatedSelector[], root: ParentNode): AnchorTarget | null {
  for (const { selector, position } of selectors) {
    const element = root.querySelector(selector);
    if (element) return { element, position };
  }
  return null;
}

/** A resolver over the page as it is now; PR list rows are indexed once, on first need. */
export function gitHubAnchors(
  owner: string,
  repo: string,
  root: ParentNode = document,
): ResolveAnchor {
  let rows: Map<number, AnchorTarget> | undefined;
  const rowIndex = () => {
    if (rows) return rows;
    rows = new Map();
    const prefix = `/${owner}/${repo}/pull/`.toLowerCase();
    for (const link of root.querySelectorAll<HTMLAnchorElement>(PULL_LINK)) {
      const href = link.getAttribute('href')?.toLowerCase() ?? '';
      const number = href.startsWith(prefix)
        ? Number(href.slice(prefix.length).match(/^\d+$/)?.[0])
        : Number.NaN;
      if (!number || rows.has(number)) continue;
      const row = link.closest('li, .js-issue-row, [role="listitem"]');
      const decision = row?.querySelector(REVIEW_DECISION);
      rows.set(
        number,
        decision ? { element: decision, position: 'after' } : { element: link, position: 'after' },
      );
    }
    return rows;
  };
  return (finding) => {
    switch (finding.anchor.kind) {
      case 'header':
        return first(HEADER_ACTIONS, root);
      case 'merge-box':
        return first(MERGE_BOX, root);
      case 'pr-row':
        return rowIndex().get(finding.anchor.number) ?? null;
      default:
        return null;
    }
  };
}

/** The login of the user signed in on the page, if any (to check the token's user before writes). */
export function signedInUser(root: ParentNode = document): string | undefined {
  const login = root.querySelector('meta[name="user-login"]')?.getAttribute('content') ?? '';
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? login : undefined;
}
