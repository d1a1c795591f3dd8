// The popup of the loaded extension: the status summary, the next call and the agenda, against
// the fake sites; and its first-run state.
import { describe, expect, it } from 'vitest';
import { addCard, DEMO, demoStorage, findBoard } from '../fake/state.ts';
import { seedStorage } from './browser.ts';
import { setUpTestBed } from './support.ts';

const bed = setUpTestBed();
const openPopup = () => bed.openExtensionPage('popup.html');

describe('popup', () => {
  it('first run: says what to set up and leads to the options, with the next call', async () => {
    const page = await openPopup();
    await page.getByRole('button', { name: 'Connect Trello' }).waitFor();
    expect(await page.locator('time[data-process-next-call]').getAttribute('datetime')).toMatch(
      /T1[45]:00:00\.000Z$/,
    );
    await page.close();
  });

  it('summarises the watched boards and the pipeline, counts by rule, and prepares the agenda', async () => {
    const lernanta = findBoard(bed.fake.state, DEMO.lernanta);
    if (!lernanta) throw new Error('the demo has no Lernanta board');
    addCard(bed.fake.state, lernanta, {
      name: 'Sign-up typo',
      list: 'In progress',
      createdAt: bed.fake.state.now,
      attachments: ['https://github.com/p2pu/lernanta/pull/42'],
    });
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    const page = await openPopup();
    await page.locator('[data-process-agenda]').waitFor();
    const count = (rule: string) => page.locator(`[data-process-count="${rule}"]`).textContent();
    expect(await count('board.missing-lists')).toBe('1'); // Lernanta
    expect(await count('card.stuck')).toBe('1'); // the Mechanical MOOC card that says nothing
    expect(await count('pipeline.overdue')).toBe('1');
    expect(await count('board.not-in-pipeline')).toBe('1'); // the Badges board
    // Each project in the process: its pipeline card and its repository.
    const context = page.locator(`[data-project-context="${DEMO.lernanta}"]`);
    expect(await context.textContent()).toContain('(pipeline card Lernanta; p2pu/lernanta)');
    const when = await page.locator('time[data-process-next-call]').getAttribute('datetime');
    const callAt = new Date(when ?? '');
    // Thursday 07:00 in Los Angeles: 15:00 UTC in winter, 14:00 UTC in summer.
    expect(callAt.getUTCDay()).toBe(4);
    expect([14, 15]).toContain(callAt.getUTCHours());
    const agenda = (await page.locator('[data-process-agenda]').textContent()) ?? '';
    expect(agenda).toContain('## Mechanical MOOC');
    expect(agenda).toContain('Stuck: Mail server blocked — nothing says what blocks it');
    expect(agenda).toContain(
      'Stuck: Weekly schedule — waiting for the course team to confirm dates.',
    );
    expect(agenda).toContain('**Plans**\n- Group matching');
    // The pipeline card's overdue deadline is a problem of its project.
    const mooc = agenda.split('## Mechanical MOOC')[1]?.split('\n## ')[0] ?? '';
    expect(mooc).toContain('**Problems**');
    expect(mooc).toContain('Mechanical MOOC: Overdue by 4 days');
    // A finding about a pull request opens it on GitHub.
    expect(
      await page.getByRole('link', { name: 'PR #42: 0 of 1 approvals' }).getAttribute('href'),
    ).toBe('https://github.com/p2pu/lernanta/pull/42');
    // A card's pull request that waits for a review is a problem for the call.
    expect(agenda).toContain('Waiting for review: PR #42: 0 of 1 approvals');
    expect(
      await page.getByRole('link', { name: 'Email the development list' }).getAttribute('href'),
    ).toMatch(/^mailto:dev%40lists\.p2pu\.org\?subject=Tech%20call/);
    // My day: my card in progress, my PR, the review waiting on me, and my last push (30 h ago).
    expect(await page.locator('[data-my-cards]').textContent()).toContain(
      'Migrate to Django 1.4 (Lernanta, 12 days)',
    );
    expect(await page.locator('[data-my-pulls]').textContent()).toContain(
      'Fix typo in the sign-up form (0 of 1 approvals)',
    );
    expect(await page.locator('[data-my-reviews]').textContent()).toContain(
      'Add badges to the profile page by @alice',
    );
    expect(await page.locator('[data-my-push]').textContent()).toContain('Last push 30 hours ago');
    expect(await count('push.overdue')).toBe('1');
    // The toolbar badge shows the same count.
    const badge = await bed.browser.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { action: { getBadgeText(d: object): Promise<string> } };
        }
      ).chrome.action.getBadgeText({}),
    );
    const total = await page.locator('h2', { hasText: 'to look at' }).textContent();
    expect(total).toContain(`${badge} things to look at`);
    await page.close();
  });
});
