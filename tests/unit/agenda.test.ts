import { describe, expect, it } from 'vitest';
import { agendaMarkdown, agendaText, buildAgenda } from '../../utils/process/agenda';
import { nextCall, previousCall } from '../../utils/process/call-schedule';
import type { Finding } from '../../utils/process/findings';
import type { RuleId } from '../../utils/process/rules';
import { defaultSettings } from '../../utils/process/settings';
import { board, card, comment, DAY, list, move, NOW } from '../fixtures/boards';

const settings = defaultSettings();
const call = settings.process.techCall;

function project() {
  const todo = list('Need to do');
  const doing = list('In progress');
  const stuck = list('Stuck');
  const done = list('Done');
  const shipped = card('Shipped this week', done.id);
  const oldDone = card('Shipped long ago', done.id);
  const working = card('Working on it', doing.id);
  const blocked = card('Blocked', stuck.id);
  const silent = card('Silent', stuck.id);
  const next = [1, 2, 3, 4].map((n) => card(`Next ${n}`, todo.id));
  const snapshot = board(
    [todo, doing, stuck, done],
    [shipped, oldDone, working, blocked, silent, ...next],
    {
      events: [
        move(shipped.id, done.id, NOW - 2 * DAY),
        move(oldDone.id, done.id, NOW - 30 * DAY),
        comment(blocked.id, 'Waiting for the mail provider', NOW - DAY),
      ],
    },
  );
  const stale: Finding = {
    rule: 'card.stale-in-progress',
    severity: 'warn',
    subject: working.shortLink,
    anchor: { kind: 'card', board: 'LeRnAnTa', card: working.shortLink },
    title: 'In progress for 9 days',
    message: '',
  };
  return { board: snapshot, findings: [stale] };
}

describe('the call agenda', () => {
  it('lists progress since the last call, plans and problems per project', () => {
    const callAt = nextCall(NOW, call);
    const agenda = buildAgenda(
      [project()],
      undefined,
      callAt,
      previousCall(NOW, call),
      call,
      settings,
    );
    expect(agenda.projects).toEqual([
      {
        board: 'LeRnAnTa',
        title: 'Lernanta',
        progress: ['Shipped this week'],
        plans: ['Working on it', 'Next: Next 1', 'Next: Next 2', 'Next: Next 3'],
        problems: [
          'Stuck: Blocked — Waiting for the mail provider',
          'Stuck: Silent — nothing says what blocks it',
          'Working on it: In progress for 9 days',
        ],
      },
    ]);
    expect(agenda.pipelineReview).toBeUndefined();
  });

  it('adds the pipeline review at the first call of the month, with the pipeline’s problems by card name', () => {
    const firstCall = Date.parse('2026-12-03T15:00:00Z');
    const projects = list('Projects');
    const mooc = card('Mechanical MOOC', projects.id);
    const pipeline = board([projects], [mooc], { shortLink: 'PiPeLiNe' });
    const overdue: Finding = {
      rule: 'pipeline.overdue',
      severity: 'error',
      subject: mooc.shortLink,
      anchor: { kind: 'card', board: 'PiPeLiNe', card: mooc.shortLink },
      title: 'Overdue by 4 days',
      message: '',
    };
    const reviewDue: Finding = {
      rule: 'pipeline.review-due',
      severity: 'warn',
      subject: 'PiPeLiNe',
      anchor: { kind: 'board', board: 'PiPeLiNe' },
      title: 'Monthly pipeline review due',
      message: '',
    };
    const agenda = buildAgenda(
      [project()],
      { board: pipeline, findings: [reviewDue, overdue] },
      firstCall,
      firstCall - 7 * DAY,
      call,
      settings,
    );
    expect(agenda.pipelineReview).toEqual([
      'Review the Project Pipeline',
      'Monthly pipeline review due',
      'Mechanical MOOC: Overdue by 4 days',
    ]);
    const laterCall = Date.parse('2026-12-10T15:00:00Z');
    expect(
      buildAgenda(
        [],
        { board: pipeline, findings: [overdue] },
        laterCall,
        firstCall,
        call,
        settings,
      ).pipelineReview,
    ).toBeUndefined();
  });

  it('raises overdue and too-far deadlines of the pipeline cards that link to the project', () => {
    const projects = list('Projects');
    const linked = card('Lernanta rewrite', projects.id, {
      desc: 'Board: https://trello.com/b/LeRnAnTa/lernanta',
    });
    const attached = card('Lernanta phase 2', projects.id, {
      attachments: [{ url: 'https://trello.com/b/LeRnAnTa' }],
    });
    const other = card('Mechanical MOOC', projects.id, {
      desc: 'https://trello.com/b/MeChMoOc/mooc',
    });
    const pipeline = board([projects], [linked, attached, other], { shortLink: 'PiPeLiNe' });
    const finding = (rule: RuleId, subject: string, title: string): Finding => ({
      rule,
      severity: rule === 'pipeline.overdue' ? 'error' : 'warn',
      subject,
      anchor: { kind: 'card', board: 'PiPeLiNe', card: subject },
      title,
      message: '',
    });
    const agenda = buildAgenda(
      [project()],
      {
        board: pipeline,
        findings: [
          finding('pipeline.overdue', linked.shortLink, 'Overdue by 4 days'),
          finding('pipeline.deadline-too-far', attached.shortLink, 'Deadline in 90 days: too far'),
          // Not a deadline, or not this project: not in this project's problems.
          finding('pipeline.stale', linked.shortLink, 'Not updated for 40 days'),
          finding('pipeline.overdue', other.shortLink, 'Overdue by 2 days'),
        ],
      },
      nextCall(NOW, call),
      previousCall(NOW, call),
      call,
      settings,
    );
    expect(agenda.projects[0]?.problems.slice(-2)).toEqual([
      'Lernanta rewrite: Overdue by 4 days',
      'Lernanta phase 2: Deadline in 90 days: too far',
    ]);
    expect(agenda.projects[0]?.problems.join('\n')).not.toContain('Mechanical MOOC');
    expect(agenda.projects[0]?.problems.join('\n')).not.toContain('Not updated');
  });

  it('copies as Markdown and as plain text', () => {
    const agenda = buildAgenda(
      [project()],
      undefined,
      nextCall(NOW, call),
      previousCall(NOW, call),
      call,
      settings,
    );
    const markdown = agendaMarkdown(agenda, 'Tech call, Thu 26 Nov 2026');
    expect(markdown).toContain('# Tech call, Thu 26 Nov 2026');
    expect(markdown).toContain('## Lernanta\n**Progress**\n- Shipped this week');
    const text = agendaText(agenda, 'Tech call, Thu 26 Nov 2026');
    expect(text).toContain('TECH CALL, THU 26 NOV 2026');
    expect(text).toContain(' Problems:\n  * Stuck: Blocked — Waiting for the mail provider');
  });

  it('says "(nothing)" for an empty section', () => {
    const empty = buildAgenda(
      [{ board: board([list('Done')]), findings: [] }],
      undefined,
      NOW,
      NOW - 7 * DAY,
      call,
      settings,
    );
    expect(agendaText(empty, 'x')).toContain(' Progress:\n  * (nothing)');
  });
});
