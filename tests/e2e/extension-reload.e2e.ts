// An extension update or reload orphans the old content scripts: their hints must go with them,
// on Trello and on GitHub.
import { it } from 'vitest';
import { DEMO } from '../fake/state.ts';
import { reloadExtension, setUpTestBed, waitForHint } from './support.ts';

// The tabs are checked for page errors after the test, as in every file.
const bed = setUpTestBed();

it('removes every hint, on Trello and on GitHub, when the extension is reloaded', async () => {
  const trello = await bed.open('trello.com', `/b/${DEMO.lernanta}/lernanta`);
  await waitForHint(trello, 'board.missing-lists', { severity: 'warn' });
  const github = await bed.open('github.com', `/${DEMO.repo}/pull/42`);
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
});
