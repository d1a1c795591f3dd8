import { PROCESS_SENTENCES } from '../sentences';
import { DAY_MS, formatDay, parseTime, plural, wholeDays } from '../time';
import { perCard } from './pipeline-cards';
import type { RuleDocs } from './types';

export const pipelineDeadlineTooFar = /* @__PURE__ */ perCard(
  {
    id: 'pipeline.deadline-too-far',
    shows: ['pipeline-card'],
    summaryLabel: 'Deadline too far',
    sentence: PROCESS_SENTENCES.deadline,
  },
  (card, { settings, now }) => {
    const due = parseTime(card.due);
    const horizon = settings.process.deadlineHorizonDays;
    if (due === undefined || card.dueComplete || due - now <= horizon * DAY_MS) return undefined;
    return {
      severity: 'warn',
      title: `Deadline in ${plural(wholeDays(due - now), 'day')}: too far`,
      message: `The deadline (${formatDay(due)}) is more than ${plural(horizon, 'day')} away.`,
      advice: 'Divide it into smaller projects, each with its own short deadline.',
    };
  },
);

/** Its row of the README's rule table: read by `npm run docs:rules`, never bundled. */
export const docs: RuleDocs = {
  firesWhen: 'the due date is beyond the horizon: "divide it into smaller projects"',
  default: '56 days (8 weeks)',
  changeIt: 'Options → Process rules → _Deadline horizon_',
};
