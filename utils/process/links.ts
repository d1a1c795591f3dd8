/** Links between the two systems, as text: Trello card URLs, our hidden marker, GitHub PR URLs. */

const CARD_URL = /https:\/\/trello\.com\/c\/([A-Za-z0-9]{8})(?=[/?#\s)\]>"'.,;]|$)/g;
const CARD_MARKER = /<!--\s*process-lens:card=([A-Za-z0-9]{8})\s*-->/g;
const PULL_URL =
  /https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})\/pull\/(\d{1,9})(?=[/?#\s)\]>"'.,;]|$)/g;

/** The hidden marker a comment carries for the card it links (DESIGN §4). */
export function cardMarker(shortLink: string): string {
  return `<!-- process-lens:card=${shortLink} -->`;
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
