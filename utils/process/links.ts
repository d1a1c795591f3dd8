/** Links between the two systems, as text: Trello card URLs, our hidden marker, GitHub PR URLs. */
import type { Finding } from './findings';

const CARD_URL = /https:\/\/trello\.com\/c\/([A-Za-z0-9]{8})(?=[/?#\s)\]>"'.,;]|$)/g;
const CARD_MARKER = /<!--\s*process-lens:card=([A-Za-z0-9]{8})\s*-->/g;
const PULL_URL =
  /https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d{1,9})(?=[/?#\s)\]>"'.,;]|$)/g;

/** The hidden marker a comment carries for the card it links (DESIGN §4). */
export function cardMarker(shortLink: string): string {
  return `<!-- process-lens:card=${shortLink} -->`;
}

/** Card short links named by our hidden markers in these texts (DESIGN §4), first seen first. */
export function cardMarkersIn(texts: readonly string[]): string[] {
  return [
    ...new Set(texts.flatMap((text) => [...text.matchAll(CARD_MARKER)].map((m) => m[1] as string))),
  ];
}

/** Card short links named in these texts: card URLs and our markers, first seen first. */
export function cardLinksIn(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(CARD_MARKER)) found.add(match[1] as string);
    for (const match of text.matchAll(CARD_URL)) found.add(match[1] as string);
  }
  return [...found];
}

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
}

/** Pull requests linked in these texts (URLs), first seen first, without duplicates. */
export function pullLinksIn(texts: readonly string[]): PullRef[] {
  const found = new Map<string, PullRef>();
  for (const text of texts) {
    for (const [, owner, repo, number] of text.matchAll(PULL_URL)) {
      const ref = { owner: owner as string, repo: repo as string, number: Number(number) };
      found.set(`${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase(), ref);
    }
  }
  return [...found.values()];
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What may follow a link in text: the link ends there (so `…/issues/4` is not `…/issues/44`). */
export const LINK_END = `(?=[/?#\\s)\\]>"'.,;]|$)`;

/**
 * Whether a card links this URL: as an attachment or in its description (as a whole link, so
 * `…/issues/4` does not match `…/issues/44`). GitHub owners and repositories ignore case.
 */
export function cardLinksTo(
  card: { desc?: string; attachments: readonly { url: string }[] },
  url: string,
): boolean {
  const link = new RegExp(`${escapeRegExp(url.replace(/\/+$/, ''))}${LINK_END}`, 'i');
  return [card.desc ?? '', ...card.attachments.map((a) => a.url)].some((text) => link.test(text));
}

export function pullUrl({ owner, repo, number }: PullRef): string {
  return `https://github.com/${owner}/${repo}/pull/${number}`;
}

const GITHUB_SUBJECT = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})#(\d{1,9})$/;

/**
 * Where a finding opens: a pull request or issue (`owner/repo#n` subjects, or the pull request a
 * card links) on GitHub; otherwise the card or the board on Trello.
 */
export function findingLink(
  finding: Pick<Finding, 'rule' | 'subject' | 'anchor'>,
  cardPull?: PullRef,
): string {
  const github = GITHUB_SUBJECT.exec(finding.subject);
  if (github) {
    const [, owner, repo, number] = github;
    return `https://github.com/${owner}/${repo}/${finding.rule.startsWith('pr.') ? 'pull' : 'issues'}/${number}`;
  }
  if (cardPull && finding.rule.startsWith('pr.')) return pullUrl(cardPull);
  const { anchor } = finding;
  if (anchor.kind === 'card') return `https://trello.com/c/${anchor.card}`;
  return `https://trello.com/b/${'board' in anchor ? anchor.board : finding.subject}`;
}
