// The popup of the loaded extension: the status summary, the next call and the agenda, against
// the fake sites; and its first-run state.
import { describe, expect, it } from 'vitest';
import { addCard, addPull, DEMO, demoStorage, findBoard, findRepo } from '../fake/state.ts';
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
    // A pull request waiting for review opens on GitHub, and is a problem for the call.
    expect(
      await page
        .locator('[data-waiting-review] a', { hasText: 'lernanta#42 Fix typo in the sign-up form' })
        .getAttribute('href'),
    ).toBe('https://github.com/p2pu/lernanta/pull/42');
    expect(agenda).toContain(
      'Waiting for review: #42 Fix typo in the sign-up form (@demo-dev, 1 day)',
    );
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

  it('counts every open pull request of the watched repositories, lists them per project, and charts the weeks', async () => {
    const state = bed.fake.state;
    const repo = findRepo(state, 'p2pu', 'lernanta');
    if (!repo) throw new Error('the demo has no p2pu/lernanta');
    const DAY = 24 * 60 * 60 * 1000;
    // No card links these three: unreviewed, reviewed, and a draft. #42 (demo-dev's, from the
    // org repository) waits for review too; #41 is approved, its card in its description.
    addPull(state, repo, {
      number: 77,
      title: 'Polar projection',
      user: 'ada-l',
      headRepo: 'ada-l/lernanta',
      headRef: 'polar',
      createdAt: state.now - 3 * DAY,
    });
    addPull(state, repo, {
      number: 78,
      title: 'Reviewed <b>but</b> on no card',
      user: 'bob',
      headRepo: 'bob/lernanta',
      headRef: 'reviewed',
      reviews: [{ user: 'carol', state: 'APPROVED' }],
    });
    addPull(state, repo, {
      number: 79,
      title: 'Half-done search',
      user: 'carol',
      headRepo: 'carol/lernanta',
      headRef: 'search',
      draft: true,
      createdAt: state.now - 9 * DAY,
    });
    await seedStorage(bed.browser.serviceWorker, demoStorage());
    const page = await openPopup();
    await page.locator('[data-process-agenda]').waitFor();
    const count = async (rule: string) =>
      Number(await page.locator(`[data-process-count="${rule}"]`).textContent());
    const items = (list: string) =>
      page.locator(`[data-project-github="${DEMO.lernanta}"] [${list}] > li`).allTextContents();

    // Waiting for review: #77 and #42, oldest first; never the draft.
    const waiting = await items('data-waiting-review');
    expect(waiting).toEqual([
      expect.stringMatching(/^lernanta#77 Polar projection by @ada-l, waiting 3 days/),
      expect.stringMatching(
        /^lernanta#42 Fix typo in the sign-up form by @demo-dev, waiting 1 day/,
      ),
    ]);
    expect(await count('pr.reviews')).toBe(waiting.length);
    // "My day" says the same of the same pull request.
    expect(await page.locator('[data-my-pulls]').textContent()).toContain(
      'Fix typo in the sign-up form (0 of 1 approvals)',
    );
    expect(await count('pr.not-from-fork')).toBe(1);
    // No card: the reviewed one and the unreviewed one, titles as text; not the draft.
    const noCard = await items('data-no-card');
    expect(noCard.some((t) => t.startsWith('lernanta#77 Polar projection'))).toBe(true);
    expect(noCard.some((t) => t.startsWith('lernanta#78 Reviewed <b>but</b> on no card'))).toBe(
      true,
    );
    expect(noCard.some((t) => t.includes('#79'))).toBe(false);
    expect(await count('pr.no-card')).toBe(noCard.length);
    expect(await items('data-drafts')).toEqual([
      'lernanta#79 Half-done search by @carol: draft, work in progress',
    ]);
    expect((await items('data-issues-to-move'))[0]).toMatch(
      /^#44 Redesign the course creation flow \(Looks too big for an issue/,
    );
    // The agenda names them.
    const agenda = (await page.locator('[data-process-agenda]').textContent()) ?? '';
    expect(agenda).toContain('Waiting for review: #77 Polar projection (@ada-l, 3 days)');
    expect(agenda).toContain('**To discuss**\n- #44 Redesign the course creation flow');
    expect(agenda).not.toContain('#79');
    // The history: this week's call, as tall as what there is to look at now.
    const total = await page.locator('h2', { hasText: 'to look at' }).textContent();
    const bar = page.locator('[data-process-history] svg rect');
    expect(await bar.count()).toBe(1);
    expect(total).toContain(`${await bar.getAttribute('data-problems')} things to look at`);

    // Create card from the popup: the same job as on the PR page.
    const row = page.locator('[data-no-card] > li', { hasText: 'lernanta#77 Polar projection' });
    await row.locator('[data-process-action="create-card-for-pr"]').click();
    await row.getByText('Card created:').waitFor();
    const lernanta = findBoard(state, DEMO.lernanta);
    const card = lernanta?.cards.find((c) =>
      c.attachments.some((a) => a.url === 'https://github.com/p2pu/lernanta/pull/77'),
    );
    expect(card?.name).toBe('Polar projection');
    expect(
      repo.pulls
        .find((p) => p.number === 77)
        ?.comments.some((c) => c.body.includes(card?.shortLink ?? '?')),
    ).toBe(true);
    await page.close();
  });
});
