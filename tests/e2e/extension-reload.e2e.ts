// An extension update or reload orphans the old content scripts: their hints must go with them,
// on Trello and on GitHub.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../fake/state.ts';
import {
  type Bed,
  reloadExtension,
  startBed,
  stopBed,
  waitForHint,
  watchErrors,
} from './support.ts';

let bed: Bed;
beforeAll(async () => {
  bed = await startBed();
});
afterAll(() => stopBed(bed));

it('removes every hint, on Trello and on GitHub, when the extension is reloaded', async () => {
  const trello = await bed.browser.context.newPage();
  const github = await bed.browser.context.newPage();
  const errors = [watchErrors(trello), watchErrors(github)];
  await trello.goto(bed.fake.url('trello.com', `/b/${DEMO.lernanta}/lernanta`));
  await waitForHint(trello, 'board.missing-lists', { severity: 'warn' });
  await github.goto(bed.fake.url('github.com', `/${DEMO.repo}/pull/42`));
  await waitForHint(github, 'pr.reviews', { severity: 'warn' });
  // The GitHub page also has a floating panel once an anchor is gone.
  await github.evaluate(() => document.querySelector('[data-component="PH_Actions"]')?.remove());
  await github.waitForFunction(() => document.querySelector('[data-process-panel]'));
  await reloadExtension(bed);
  for (const page of [trello, github]) {
    await page.waitForFunction(
      () => !document.querySelector('process-lens-hint, process-lens-panel'),
      null,
      { timeout: 10_000 },
    );
  }
  expect(errors.flat()).toEqual([]);
});
