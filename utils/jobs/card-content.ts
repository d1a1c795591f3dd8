/**
 * What a moved issue becomes on Trello: the card's name and description, and its comments in
 * order. Nothing is silently truncated: text over Trello's limits continues in further comments,
 * and the card says so. Each comment's first line identifies it, so a resumed job can tell which
 * are already there.
 */

/** Trello's limit for a card description and for a comment (docs/architecture.md, "API facts"). */
export const TRELLO_TEXT_LIMIT = 16_384;

export interface IssueForCard {
  url: string;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  comments: { user: string; body: string; createdAt: string; url: string }[];
  /** The issue's label names (matched to the board's labels by name). */
  labels?: string[];
}

export interface CardContent {
  name: string;
  desc: string;
  /** In the order they must appear; the first line of each is its identity. */
  comments: string[];
}

const day = (iso: string) => iso.slice(0, 10);

function chunks(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

export function cardContent(issue: IssueForCard, limit = TRELLO_TEXT_LIMIT): CardContent {
  const footer = `\n\n---\nMoved from ${issue.url} (opened by @${issue.author} on ${day(issue.createdAt)})`;
  const body = issue.body.trim() || '(no description)';
  const continued =
    '\n\n(The description continues in the comments below: Trello’s limit is 16,384 characters.)';
  const comments: string[] = [];
  let desc = `${body}${footer}`;
  if (desc.length > limit) {
    const room = limit - footer.length - continued.length;
    desc = `${body.slice(0, room)}${continued}${footer}`;
    const rest = chunks(body.slice(room), limit - 200);
    comments.push(
      ...rest.map(
        (part, i) => `Description, part ${i + 2} of ${rest.length + 1} (${issue.url})\n\n${part}`,
      ),
    );
  }
  for (const comment of issue.comments) {
    const header = `@${comment.user} commented on ${day(comment.createdAt)} (${comment.url})`;
    const parts = chunks(comment.body, limit - 300);
    comments.push(
      ...parts.map((part, i) =>
        parts.length === 1
          ? `${header}\n\n${part}`
          : `${header}, part ${i + 1} of ${parts.length}\n\n${part}`,
      ),
    );
  }
  return { name: issue.title.slice(0, 16_384) || issue.url, desc, comments };
}

/** The identity of a planned or existing card comment: its first line. */
export function commentIdentity(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}
