/** The next weekly call, as a time and a countdown (`data-process-next-call` is a contract). */

/** "in 3 h 20 min", "in 2 days 4 h", "starting now". */
export function countdown(from: number, to: number): string {
  const minutes = Math.max(0, Math.round((to - from) / 60_000));
  if (minutes < 60) return minutes <= 1 ? 'starting now' : `in ${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `in ${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return `in ${days} ${days === 1 ? 'day' : 'days'} ${hours % 24} h`;
}

export function NextCall({ at, now }: { at: number; now: number }) {
  return (
    <p className="next-call">
      Next tech call:{' '}
      <time data-process-next-call="" dateTime={new Date(at).toISOString()}>
        {new Date(at).toLocaleString([], {
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
          minute: '2-digit',
        })}
      </time>{' '}
      ({countdown(now, at)})
    </p>
  );
}
