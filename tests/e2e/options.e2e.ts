// The options page in the real extension: settings saved by the contract, connections tested
// against the fake APIs through the background.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../fake/state.ts';
import { setUpTestBed } from './support.ts';

const bed = setUpTestBed();
let page: Page;

async function openOptions(): Promise<Page> {
  page = await bed.openExtensionPage('options.html');
  await page.getByLabel('API key').waitFor();
  return page;
}

const storage = (keys: string[]) =>
  bed.browser.serviceWorker.evaluate(
    (keys) =>
      (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string[]): Promise<Record<string, unknown>> } } };
        }
      ).chrome.storage.local.get(keys),
    keys,
  );

describe('options page', () => {
  it('connects Trello and shows who it is connected as; settings and secrets are stored apart', async () => {
    await openOptions();
    await page.getByLabel('API key').fill(DEMO.trelloKey);
    await page.locator('input[name="secrets.trelloToken"]').fill(DEMO.trelloToken);
    await page
      .getByLabel('Project Pipeline board')
      .fill(`https://trello.com/b/${DEMO.pipeline}/project-pipeline`);
    await page
      .getByLabel('Watched project boards')
      .fill(`${DEMO.lernanta}\nhttps://trello.com/b/${DEMO.mooc}/x`);
    await page.locator('[data-test-connection="trello"]').click();
    await page.getByText('Connected to Trello as Demo Developer (@demo).').waitFor();

    const { settings, secrets } = await storage(['settings', 'secrets']);
    expect(settings).toMatchObject({
      version: 1,
      trello: {
        apiKey: DEMO.trelloKey,
        pipelineBoard: DEMO.pipeline,
        boards: [DEMO.lernanta, DEMO.mooc],
      },
      process: {
        lists: ['Unsorted', 'Would be nice', 'Need to do', 'Stuck', 'In progress', 'Done'],
      },
    });
    expect(JSON.stringify(settings)).not.toContain(DEMO.trelloToken);
    expect(secrets).toEqual({ trelloToken: DEMO.trelloToken, githubToken: '' });
  });

  it('connects Trello through Trello’s authorize page, taking the token from the redirect', async () => {
    await openOptions();
    await page.getByLabel('API key').fill(DEMO.trelloKey);
    const authorize = bed.browser.context.waitForEvent('page');
    await page.locator('[data-connect-trello]').click();
    const window = await authorize;
    await window.locator('#allow').click();
    await page.getByText('Connected to Trello as Demo Developer (@demo).').waitFor();
    expect(await storage(['secrets'])).toMatchObject({
      secrets: { trelloToken: DEMO.trelloToken },
    });
  });

  it('says exactly why Trello refused a token', async () => {
    await openOptions();
    await page.getByLabel('API key').fill(DEMO.trelloKey);
    await page.locator('input[name="secrets.trelloToken"]').fill('not-a-token');
    await page.locator('[data-test-connection="trello"]').click();
    const status = page.locator('[data-connection-status="trello"]');
    await status.getByText('the token was rejected').waitFor();
    expect(await status.textContent()).toContain('401');
  });

  it('connects GitHub, and names a rejected token', async () => {
    await openOptions();
    const token = page.locator('input[name="secrets.githubToken"]');
    await token.fill(DEMO.githubToken);
    await page.locator('[data-test-connection="github"]').click();
    await page.getByText('Connected to GitHub as Demo Developer (@demo-dev).').waitFor();
    await token.fill('ghp_revokedrevokedrevokedrevoked0000');
    await page.locator('[data-test-connection="github"]').click();
    await page.getByText('GitHub rejected the token (401 Bad credentials)').waitFor();
  });

  it('refuses an invalid field and names it, saving nothing', async () => {
    await openOptions();
    await page.getByLabel('Watched repositories').fill('p2pu/lernanta\nnot a repo');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .locator('[data-field-error="github.repos"]')
      .getByText('must be "owner/repo"')
      .waitFor();
    expect(await storage(['settings'])).toEqual({});
  });

  it('adds the boards the pipeline links to', async () => {
    await openOptions();
    await page.getByLabel('API key').fill(DEMO.trelloKey);
    await page.locator('input[name="secrets.trelloToken"]').fill(DEMO.trelloToken);
    await page.getByLabel('Project Pipeline board').fill(DEMO.pipeline);
    await page.locator('[data-discover-boards]').click();
    await page.getByText(`Added ${DEMO.lernanta}, ${DEMO.mooc}: save to keep them.`).waitFor();
    expect(await page.getByLabel('Watched project boards').inputValue()).toBe(
      `${DEMO.lernanta}\n${DEMO.mooc}`,
    );
  });

  it('loads the team’s shared settings from a repository, over the current ones', async () => {
    await openOptions();
    await page.getByLabel('API key').fill(DEMO.trelloKey);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    await page.locator('input[name="teamRepo"]').fill('p2pu/.github');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page
      .getByText('Imported p2pu/.github/process-lens.json: 2 settings changed and saved.')
      .waitFor();
    expect(await page.getByLabel('Project Pipeline board').inputValue()).toBe(DEMO.pipeline);
    // The file has no API key: yours stays.
    expect(await page.getByLabel('API key').inputValue()).toBe(DEMO.trelloKey);
    expect(await storage(['settings'])).toMatchObject({
      settings: {
        trello: {
          apiKey: DEMO.trelloKey,
          pipelineBoard: DEMO.pipeline,
          boards: [DEMO.lernanta, DEMO.mooc],
        },
      },
    });
    await page.locator('input[name="teamRepo"]').fill('p2pu/nothing-here');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByText(/not found|No process-lens.json/i).waitFor();
  });

  it('the background answers a malformed message with an error, not an exception', async () => {
    await openOptions();
    const answers = await page.evaluate(async () => {
      const send = (m: unknown) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
          }
        ).chrome.runtime.sendMessage(m);
      return Promise.all([
        send({ type: 'board.snapshot', board: '../../members/me' }),
        send({ type: 'fetch', url: 'https://api.trello.com/1/members/me' }),
        send('nonsense'),
      ]);
    });
    expect(answers).toEqual([
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'invalid-message' }),
      }),
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'invalid-message' }),
      }),
      expect.objectContaining({
        ok: false,
        error: expect.objectContaining({ code: 'invalid-message' }),
      }),
    ]);
  });
});
