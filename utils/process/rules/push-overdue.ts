import type { Finding } from '../findings';
import { PROCESS_SENTENCES } from '../sentences';
import type { Settings } from '../settings';
import { plural } from '../time';
import type { Rule, RuleDocs } from './types';

export interface PushInput {
  /** The newest `pushed_at` of my forks of the watched repositories (none found: undefined). */
  lastPushAt: number | undefined;
  /** How many forks of the watched repositories I have. */
  forks: number;
  settings: Settings;
  /** Epoch ms. */
  now: number;
  login: string;
}

/** No push to my forks for N hours ("push at least once a day"): in the popup's "My day". */
export const pushOverdue: Rule<PushInput> = {
  id: 'push.overdue',
  shows: ['popup', 'badge'],
  summaryLabel: 'Push overdue',
  sentence: PROCESS_SENTENCES.push,
  evaluate: ({ lastPushAt, forks, settings, now, login }) => [
    pushOverdueFinding(lastPushAt, forks, settings, now, login),
  ],
};

export function pushOverdueFinding(
  lastPushAt: number | undefined,
  forks: number,
  settings: Settings,
  now: number,
  login: string,
): Finding {
  const limit = settings.process.pushIntervalHours;
  const base = {
    rule: pushOverdue.id,
    subject: login,
    anchor: { kind: 'header' as const },
    sentence: pushOverdue.sentence,
  };
  if (lastPushAt === undefined) {
    return {
      ...base,
      severity: 'info',
      title: forks ? 'No push found on your forks' : 'No fork of the watched repositories found',
      message: `Process Lens looks for your forks (@${login}/<repo>) of the watched repositories and their last push.`,
      advice: 'Fork the project into your personal account and push your branches there.',
    };
  }
  const hours = Math.floor((now - lastPushAt) / 3_600_000);
  const overdue = now - lastPushAt > limit * 3_600_000;
  return {
    ...base,
    severity: overdue ? 'warn' : 'ok',
    title: overdue
      ? `Last push ${plural(hours, 'hour')} ago`
      : `Pushed ${plural(hours, 'hour')} ago`,
    message: `Your last push to your forks was ${plural(hours, 'hour')} ago; the process asks for one at least every ${plural(limit, 'hour')}.`,
    ...(overdue
      ? {
          advice:
            'Push your work in progress to your fork, so nothing is lost and others can help.',
        }
      : {}),
  };
}

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'the user has not pushed to their forks for N hours',
  default: '24 hours',
  changeIt: '`process.pushIntervalHours` in the settings',
};
