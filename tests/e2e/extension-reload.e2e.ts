// An extension update or reload orphans the old content script: its hints must go with it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from './fake/state.ts';
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

it('removes every hint when the extension is reloaded', async () => {
  const page = await bed.browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(bed.fake.url('trello.com', `/b/${DEMO.lernanta}/lernanta`));
  await waitForHint(page, 'board.missing-lists', { severity: 'warn' });
  await reloadExtension(bed);
  await page.waitForFunction(
    () => !document.querySelector('process-lens-hint, process-lens-panel'),
    null,
    {
      timeout: 10_000,
    },
  );
  expect(errors).toEqual([]);
});
