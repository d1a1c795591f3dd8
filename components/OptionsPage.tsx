/** The options page: the settings form, composed of the sections under components/options/. */
import { type FormEvent, useEffect } from 'react';
import { useSettingsStore } from '../utils/settings-store';
import { formFieldOf } from './options/draft';
import { FieldSection } from './options/FieldSection';
import { GitHubSection } from './options/GitHubSection';
import { IssueList } from './options/IssueList';
import { ListRolesSection } from './options/ListRolesSection';
import { ShareSettings } from './options/ShareSettings';
import { TrelloSection } from './options/TrelloSection';
import { type SaveStatus, useOptionsForm } from './options/useOptionsForm';

export function OptionsPage() {
  const { status, settings, secrets, storedIssues, load } = useSettingsStore();
  const { form, issues, saved, offeredPipeline, showImported } = useOptionsForm();

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'failed')
    return (
      <main>
        <p role="alert">Process Lens could not read its settings. Reload this page.</p>
      </main>
    );
  if (!form || !settings)
    return (
      <main aria-busy="true">
        <p>Loading settings…</p>
      </main>
    );

  const firstRun = !settings.trello.apiKey && !secrets?.trelloToken && !secrets?.githubToken;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit();
  };

  return (
    <main>
      <h1>Process Lens</h1>
      <p className="lede">
        Hints on Trello work with no set-up while you are signed in to trello.com. Connect the
        services below for private boards, GitHub and the one-click fixes. Tokens stay in this
        browser: only the extension's background uses them, and only with api.trello.com and
        api.github.com.
      </p>
      {firstRun && (
        <p className="notice" data-first-run="">
          First time here? Start with Trello: paste your Power-Up’s API key and “Connect Trello”.
          Then add a GitHub token, choose the Project Pipeline and the boards to watch, and save.
        </p>
      )}
      {offeredPipeline && saved !== 'saved' && (
        <p role="status" className="notice">
          Save to use the board <code>{offeredPipeline}</code> as the Project Pipeline.
        </p>
      )}
      {storedIssues.length > 0 && (
        <div role="alert" className="notice">
          Some stored settings were invalid and fell back to their defaults:
          <IssueList issues={storedIssues} />
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TrelloSection form={form} />
        <GitHubSection form={form} />
        <FieldSection section="process" form={form} />
        <FieldSection section="reviews" form={form} />
        <FieldSection section="call" form={form} />
        <ShareSettings onImported={showImported} />
        {issues
          .filter((issue) => !formFieldOf(issue))
          .map((issue) => (
            <p role="alert" className="error" key={issue.field}>
              <code>{issue.field}</code>: {issue.message}
            </p>
          ))}
        <div className="actions">
          <button type="submit" disabled={saved === 'saving'}>
            Save
          </button>
          <span role="status" aria-live="polite">
            {saveMessage(saved, issues.length > 0)}
          </span>
        </div>
      </form>
      <ListRolesSection />
    </main>
  );
}

function saveMessage(saved: SaveStatus, hasIssues: boolean): string {
  if (saved === 'saving') return 'Saving…';
  if (saved === 'saved') return 'Saved.';
  return hasIssues ? 'Not saved: fix the fields marked in red.' : '';
}
