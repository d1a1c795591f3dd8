/** Links between the two systems: Trello card URLs, our hidden marker, GitHub issue and PR URLs. */
import type { PullRef } from '../github/snapshot';
import type { BoardSnapshot, TrelloCard } from '../trello/snapshot';
import type { Finding } from './findings';

const CARD_URL = /https:\/\/trello\.com\/c\/([A-Za-z0-9]{8})(?=[/?#\s)\]>"'.,;]|$)/g;
const CARD_MARKER = /<!--\s*process-lens:card=([A-Za-z0-9]{8})\s*-->/g;
/** An issue or pull request page, with any tab after it (`/pull/42/files`). */
const GITHUB_URL =
  /https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/(pull|issues)\/(\d{1,9})(?=[/?#\s)\]>"'.,;]|$)/g;

/** A card's page. */
export const cardUrl = (shortLink: string) => `https://trello.com/c/${shortLink}`;

const LINK_HOSTS: ReadonlySet<string> = new Set(['trello.com', 'github.com']);

/** The URL if it is safe to put in an `href`: https, on Trello or GitHub (else undefined). */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && LINK_HOSTS.has(parsed.hostname) && !parsed.username
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** The hidden marker a comment carries for its card (see docs/architecture.md, "Contracts"). */
export function cardMarker(shortLink: string): string {
  return `<!-- process-lens:card=${shortLink} -->`;
}

/**
 * Card short links named by our hidden markers in these texts, first seen first (the marker: see
 * docs/architecture.md, "Contracts").
 */
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

export interface GitHubLink extends PullRef {
  kind: 'pull' | 'issue';
}

const refKey = (ref: PullRef) => `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();

/** Issues and pull requests linked in these texts (URLs), first seen first, without duplicates. */
export function gitHubLinksIn(texts: readonly string[]): GitHubLink[] {
  const found = new Map<string, GitHubLink>();
  for (const text of texts) {
    for (const [, owner, repo, kind, number] of text.matchAll(GITHUB_URL)) {
      const link: GitHubLink = {
        owner: owner as string,
        repo: repo as string,
        number: Number(number),
        kind: kind === 'pull' ? 'pull' : 'issue',
      };
      found.set(`${link.kind}:${refKey(link)}`, link);
    }
  }
  return [...found.values()];
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What may follow a link in text: the link ends there (so `…/issues/4` is not `…/issues/44`). */
export const LINK_END = `(?=[/?#\\s)\\]>"'.,;]|$)`;

/**
 * Whether a card links this GitHub issue or pull request (any tab of its page), as an attachment
 * or in its description: `…/issues/4` is not `…/issues/44`; owners and repositories ignore case.
 */
export function cardLinksTo(
  card: { desc?: string; attachments: readonly { url: string }[] },
  url: string,
): boolean {
  const [wanted] = gitHubLinksIn([url]);
  if (!wanted) return false;
  const key = refKey(wanted);
  const links = gitHubLinksIn([card.desc ?? '', ...card.attachments.map((a) => a.url)]);
  return links.some((link) => refKey(link) === key);
}

export function pullUrl({ owner, repo, number }: PullRef): string {
  return `https://github.com/${owner}/${repo}/pull/${number}`;
}

export function issueUrl({ owner, repo, number }: PullRef): string {
  return `https://github.com/${owner}/${repo}/issues/${number}`;
}

/** A repository's page (`owner/repo`). */
export const repoUrl = (fullName: string) => `https://github.com/${fullName}`;

/** A board's page. */
export const boardUrl = (shortLink: string) => `https://trello.com/b/${shortLink}`;

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
    const ref = { owner: owner as string, repo: repo as string, number: Number(number) };
    return finding.rule.startsWith('pr.') ? pullUrl(ref) : issueUrl(ref);
  }
  if (cardPull && finding.rule.startsWith('pr.')) return pullUrl(cardPull);
  const { anchor } = finding;
  if (anchor.kind === 'card') return cardUrl(anchor.card);
  return boardUrl('board' in anchor ? anchor.board : finding.subject);
}

/** Pull requests linked in these texts (URLs), first seen first, without duplicates. */
export function pullLinksIn(texts: readonly string[]): PullRef[] {
  return gitHubLinksIn(texts)
    .filter((link) => link.kind === 'pull')
    .map(({ owner, repo, number }) => ({ owner, repo, number }));
}

/**
 * Every open card of the board with the GitHub issues and pull requests it links: in its
 * description, its attachments, and attachments seen in the board's actions. Card by card, so a
 * caller that needs only the first few stops reading a big board early.
 */
export function* eachCardGitHubLinks(
  board: BoardSnapshot,
): Generator<{ card: TrelloCard; links: GitHubLink[] }> {
  const attached = new Map<string, string[]>();
  for (const event of board.events) {
    if (event.kind !== 'attach' || !event.url) continue;
    const urls = attached.get(event.card);
    if (urls) urls.push(event.url);
    else attached.set(event.card, [event.url]);
  }
  for (const card of board.cards) {
    if (card.closed) continue;
    const texts = [
      card.desc,
      ...card.attachments.map((a) => a.url),
      ...(attached.get(card.id) ?? []),
    ];
    yield { card, links: gitHubLinksIn(texts) };
  }
}

/**
 * The open card of this board whose attachments or description link this GitHub issue or pull
 * request (any tab of its page). Issues and pull requests share one number sequence per
 * repository, so `/issues/42` and `/pull/42` are the same item (GitHub redirects one to the other).
 */
export function findCardLinking(board: BoardSnapshot, url: string): TrelloCard | undefined {
  const [wanted] = gitHubLinksIn([url]);
  if (!wanted) return undefined;
  const key = refKey(wanted);
  for (const { card, links } of eachCardGitHubLinks(board))
    if (links.some((link) => refKey(link) === key)) return card;
  return undefined;
}
