import type { ReactNode } from 'react';
import type { StatusSummary } from '../../utils/background/summary';
import { SeverityIcon } from '../HintBadge';

/** "My day": the signed-in user's push status, cards in progress, pull requests and reviews. */
export function MyDaySection({
  myDay,
  push,
}: {
  myDay: NonNullable<StatusSummary['myDay']>;
  push?: StatusSummary['push'];
}) {
  return (
    <section aria-label="My day" className="my-day">
      <h2>My day</h2>
      {push && (
        <p className={`sev-${push.severity}`} data-my-push="">
          <SeverityIcon severity={push.severity} /> {push.title}
          {push.advice ? ` — ${push.advice}` : ''}
        </p>
      )}
      <LinkList
        title="My cards in progress"
        marker="data-my-cards"
        items={myDay.cards.map((card) => ({
          link: card.link,
          text: card.name,
          after: `(${card.board}, ${card.days} ${card.days === 1 ? 'day' : 'days'})`,
        }))}
      />
      <LinkList
        title="My open pull requests"
        marker="data-my-pulls"
        empty={myDay.githubNote}
        items={myDay.pulls.map(({ title, link, status }) => ({
          link,
          text: title,
          after: `(${status.draft ? 'draft, ' : ''}${status.approvals.length} of ${status.required} approvals)`,
        }))}
      />
      <LinkList
        title="Reviews waiting on me"
        marker="data-my-reviews"
        items={myDay.reviews.map((review) => ({
          link: review.link,
          text: review.title,
          after: `by @${review.author}`,
        }))}
      />
    </section>
  );
}

/** A titled list of links, each followed by a few words; "None." (or `empty`) when there is none. */
function LinkList({
  title,
  marker,
  items,
  empty,
}: {
  title: string;
  /** The list's data attribute (tests and other tools find the list by it). */
  marker: 'data-my-cards' | 'data-my-pulls' | 'data-my-reviews';
  items: readonly { link: string; text: string; after: ReactNode }[];
  empty?: string;
}) {
  return (
    <>
      <h3>{title}</h3>
      <ul {...{ [marker]: '' }}>
        {items.length === 0 && <li>{empty ?? 'None.'}</li>}
        {items.map(({ link, text, after }) => (
          <li key={link}>
            <a href={link} target="_blank" rel="noopener noreferrer">
              {text}
            </a>{' '}
            {after}
          </li>
        ))}
      </ul>
    </>
  );
}
