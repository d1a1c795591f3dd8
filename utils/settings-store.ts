/** The settings store of extension pages (options, popup): zustand over browser.storage.local. */
import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { ConnectionIdentity } from './messages';
import { send } from './messaging';
import type { ListRole } from './process/list-roles';
import { type Settings, type SettingsIssue, validateSettings } from './process/settings';
import { changedSettings, mergeImported, withListRolesOf } from './process/settings-merge';
import type { AppError } from './result';
import { loadSecrets, loadSettings, type Secrets, saveSecrets, saveSettings } from './storage';
import { tokenFromRedirect, trelloAuthorizeUrl } from './trello/authorize';

export type ConnectionState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'connected'; identity: ConnectionIdentity }
  | { state: 'failed'; error: AppError };

interface SettingsState {
  status: 'loading' | 'ready' | 'failed';
  settings: Settings | null;
  secrets: Secrets | null;
  /** Problems found in what was stored (each field fell back to its default). */
  storedIssues: SettingsIssue[];
  connections: Record<'trello' | 'github', ConnectionState>;
  load(): Promise<void>;
  /** Validates and saves; answers with the issues by field when the input is invalid. */
  save(input: unknown, secrets: Partial<Secrets>): Promise<SettingsIssue[]>;
  testConnection(service: 'trello' | 'github'): Promise<void>;
  /**
   * Changes one list's role on one board (`trello.listRoles`), or removes it (`role` undefined):
   * saved at once, over the stored settings (the hints may have saved a mapping meanwhile).
   */
  setListRole(board: string, list: string, role: ListRole | undefined): Promise<SettingsIssue[]>;
  /** Trello's authorize page in a browser window; the token it hands back is saved and tested. */
  connectTrello(apiKey: string): Promise<string | undefined>;
  /**
   * Imports a shared settings file over the current settings (the file wins where it has a
   * value; the API key stays unless it sets one): saved only when valid, secrets untouched.
   * Answers with the settings that changed.
   */
  importSettings(
    input: unknown,
  ): Promise<
    { ok: true; settings: Settings; changed: string[] } | { ok: false; issues: SettingsIssue[] }
  >;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  status: 'loading',
  settings: null,
  secrets: null,
  storedIssues: [],
  connections: { trello: { state: 'idle' }, github: { state: 'idle' } },

  async load() {
    try {
      const [{ settings, issues }, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
      set({ status: 'ready', settings, secrets, storedIssues: issues });
    } catch {
      set({ status: 'failed' });
    }
  },

  async save(input, secrets) {
    // The lists' roles are saved by the hints and by the list-roles section, never by the form:
    // the stored ones stay, whatever this page loaded before.
    const stored = (await loadSettings()).settings;
    const result = validateSettings(withListRolesOf(stored, input));
    if (!result.ok) return result.issues;
    await Promise.all([saveSettings(result.settings), saveSecrets(secrets)]);
    set({
      settings: result.settings,
      secrets: { ...(get().secrets ?? { trelloToken: '', githubToken: '' }), ...secrets },
      storedIssues: [],
    });
    return [];
  },

  async connectTrello(apiKey) {
    const setTrello = (state: ConnectionState) =>
      set({ connections: { ...get().connections, trello: state } });
    setTrello({ state: 'testing' });
    const redirect = browser.identity.getRedirectURL();
    let redirected: string | undefined;
    try {
      redirected = await browser.identity.launchWebAuthFlow({
        url: trelloAuthorizeUrl(apiKey, redirect),
        interactive: true,
      });
    } catch {
      redirected = undefined; // the window was closed
    }
    const token = tokenFromRedirect(redirected, redirect);
    if (!token) {
      setTrello({
        state: 'failed',
        error: {
          code: 'unauthorized',
          message:
            'Trello did not hand over a token (access denied or the window closed). Try again, or paste a token.',
        },
      });
      return undefined;
    }
    await saveSecrets({ trelloToken: token });
    set({
      secrets: { ...(get().secrets ?? { trelloToken: '', githubToken: '' }), trelloToken: token },
    });
    await get().testConnection('trello');
    return token;
  },

  async importSettings(input) {
    const current = get().settings ?? (await loadSettings()).settings;
    const result = validateSettings(mergeImported(current, input));
    if (!result.ok) return result;
    await saveSettings(result.settings);
    set({ settings: result.settings, storedIssues: [] });
    return { ...result, changed: changedSettings(current, result.settings) };
  },

  async setListRole(board, list, role) {
    const { settings } = await loadSettings();
    const { [list]: _old, ...others } = settings.trello.listRoles[board] ?? {};
    const entry = settings.trello.listRoles[board]?.[list];
    const lists = role ? { ...others, [list]: { ...entry, role } } : others;
    const { [board]: _board, ...otherBoards } = settings.trello.listRoles;
    const listRoles = Object.keys(lists).length ? { ...otherBoards, [board]: lists } : otherBoards;
    const result = validateSettings({ ...settings, trello: { ...settings.trello, listRoles } });
    if (!result.ok) return result.issues;
    await saveSettings(result.settings);
    set({ settings: result.settings });
    return [];
  },

  async testConnection(service) {
    const setConnection = (state: ConnectionState) =>
      set({ connections: { ...get().connections, [service]: state } });
    setConnection({ state: 'testing' });
    const answer = await send({ type: 'connection.test', service });
    setConnection(
      answer.ok
        ? { state: 'connected', identity: answer.value }
        : { state: 'failed', error: answer.error },
    );
  },
}));
