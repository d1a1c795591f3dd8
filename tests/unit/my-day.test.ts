import { describe, expect, it } from 'vitest';
import { myCardsInProgress } from '../../utils/process/my-day';
import { pushOverdueFinding as pushOverdue } from '../../utils/process/rules/push-overdue';
import { defaultSettings } from '../../utils/process/settings';
import { board, card, DAY, list, move, NOW } from '../fixtures/boards';

const settings = defaultSettings();
const HOUR = 3_600_000;

describe('my day', () => {
  it('lists my cards in "In progress" with the days since they moved there', () => {
    const doing = list('In progress');
    const todo = list('Need to do');
    const mine = card('Mine', doing.id, { idMembers: ['me'] });
    const theirs = card('Theirs', doing.id, { idMembers: ['them'] });
    const later = card('Later', todo.id, { idMembers: ['me'] });
    const snapshot = board([doing, todo], [mine, theirs, later], {
      events: [move(mine.id, doing.id, NOW - 4 * DAY)],
    });
    expect(myCardsInProgress([snapshot], 'me', NOW, defaultSettings())).toEqual([
      { name: 'Mine', link: `https://trello.com/c/${mine.shortLink}`, board: 'Lernanta', days: 4 },
    ]);
  });

  it('push.overdue: warns after the configured hours, exactly at the limit it does not', () => {
    expect(pushOverdue(NOW - 24 * HOUR, 1, settings, NOW, 'demo-dev')).toMatchObject({
      severity: 'ok',
      title: 'Pushed 24 hours ago',
    });
    expect(pushOverdue(NOW - 24 * HOUR - 1, 1, settings, NOW, 'demo-dev')).toMatchObject({
      rule: 'push.overdue',
      severity: 'warn',
      title: 'Last push 24 hours ago',
    });
    const six = defaultSettings();
    six.process.pushIntervalHours = 6;
    expect(pushOverdue(NOW - 7 * HOUR, 1, six, NOW, 'demo-dev').severity).toBe('warn');
  });

  it('says when no fork (or no push) was found', () => {
    expect(pushOverdue(undefined, 0, settings, NOW, 'demo-dev')).toMatchObject({
      severity: 'info',
      title: 'No fork of the watched repositories found',
    });
    expect(pushOverdue(undefined, 2, settings, NOW, 'demo-dev').title).toBe(
      'No push found on your forks',
    );
  });
});
