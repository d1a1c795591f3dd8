/**
 * browser.storage.local, as the storage contract (docs/architecture.md, "Contracts"): `settings` (shareable, no secrets) and
 * `secrets` (read only by the background and the options page).
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { readSettings, type Settings, type SettingsIssue } from './process/settings';

export const SETTINGS_KEY = 'settings';
export const SECRETS_KEY = 'secrets';

const SecretsSchema = v.looseObject({
  trelloToken: v.optional(v.pipe(v.string(), v.trim()), ''),
  githubToken: v.optional(v.pipe(v.string(), v.trim()), ''),
});
export type Secrets = v.InferOutput<typeof SecretsSchema>;

export async function loadSettings(): Promise<{ settings: Settings; issues: SettingsIssue[] }> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return readSettings(stored[SETTINGS_KEY]);
}

/** Call only with a value that passed `validateSettings`. */
export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [SETTINGS_KEY]: settings });
}

export async function loadSecrets(): Promise<Secrets> {
  const stored = await browser.storage.local.get(SECRETS_KEY);
  const parsed = v.safeParse(SecretsSchema, stored[SECRETS_KEY] ?? {});
  return parsed.success ? parsed.output : v.parse(SecretsSchema, {});
}

export async function saveSecrets(secrets: Partial<Secrets>): Promise<void> {
  const current = await loadSecrets();
  await browser.storage.local.set({ [SECRETS_KEY]: { ...current, ...secrets } });
}

/**
 * Content scripts never need extension storage (they ask the background), so where the browser
 * allows it (Chromium; Firefox only for storage.session) storage.local is closed to them: a
 * compromised page context cannot read the secrets even through a content-script bug.
 */
export async function restrictStorageToExtension(): Promise<void> {
  const local = browser.storage.local as typeof browser.storage.local & {
    setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
  };
  await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
}
