/** Export and import of `settings` as a JSON file, so a team shares one process configuration (no secrets). */
import { useState } from 'react';
import { send } from '../../utils/messaging';
import type { Settings, SettingsIssue } from '../../utils/process/settings';
import { useSettingsStore } from '../../utils/settings-store';
import { IssueList } from './IssueList';

interface ImportMessage {
  text: string;
  issues?: SettingsIssue[];
  changed?: string[];
}

export function ShareSettings({ onImported }: { onImported(settings: Settings): void }) {
  const { settings, importSettings } = useSettingsStore();
  const [message, setMessage] = useState<ImportMessage | null>(null);
  const exportHref = settings
    ? `data:application/json;charset=utf-8,${encodeURIComponent(`${JSON.stringify(settings, null, 2)}\n`)}`
    : undefined;
  const firstOwner = settings?.github.repos[0]?.split('/')[0];
  const [teamRepo, setTeamRepo] = useState(firstOwner ? `${firstOwner}/.github` : '');
  async function apply(name: string, parsed: unknown) {
    const result = await importSettings(parsed);
    if (!result.ok) return setMessage({ text: `${name} was not imported:`, issues: result.issues });
    onImported(result.settings);
    const n = result.changed.length;
    setMessage({
      text:
        n === 0
          ? `Imported ${name}: nothing changed.`
          : `Imported ${name}: ${n} ${n === 1 ? 'setting' : 'settings'} changed and saved.`,
      changed: result.changed,
    });
  }
  async function fromRepository() {
    const [owner = '', repo = ''] = teamRepo.trim().split('/');
    const answer = await send({ type: 'github.teamSettings', owner, repo });
    if (!answer.ok) return setMessage({ text: answer.error.message });
    await apply(`${owner}/${repo}/${answer.value.path}`, answer.value.settings);
  }
  async function onFile(file: File | undefined) {
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      return setMessage({ text: `${file.name} is not a JSON file.` });
    }
    await apply(file.name, parsed);
  }
  return (
    <fieldset>
      <legend>Share with the team</legend>
      <p className="lede">
        The settings above, without tokens, as one JSON file every member can import.
      </p>
      <div className="actions">
        {exportHref && (
          <a className="button" href={exportHref} download="process-lens-settings.json">
            Export settings
          </a>
        )}
        <label className="button">
          Import settings…
          <input
            type="file"
            accept="application/json,.json"
            name="import"
            className="visually-hidden"
            onChange={(event) => void onFile(event.target.files?.[0])}
          />
        </label>
      </div>
      <div className="field">
        <label htmlFor="team-repo">Or load the team’s settings from a repository</label>
        <div className="actions">
          <input
            id="team-repo"
            name="teamRepo"
            value={teamRepo}
            onChange={(e) => setTeamRepo(e.target.value)}
            placeholder="owner/.github"
          />
          <button
            type="button"
            onClick={() => void fromRepository()}
            disabled={!/^[^/\s]+\/[^/\s]+$/.test(teamRepo.trim())}
          >
            Load
          </button>
        </div>
        <small>
          Reads process-lens.json (or .github/process-lens.json) with your GitHub token, or without
          one for a public repository.
        </small>
      </div>
      {message && <ImportResult message={message} />}
    </fieldset>
  );
}

function ImportResult({ message }: { message: ImportMessage }) {
  return (
    <div role={message.issues ? 'alert' : 'status'} data-import-result="">
      {message.text}
      {message.issues && <IssueList issues={message.issues} />}
      {message.changed && message.changed.length > 0 && (
        <ul data-import-changed="">
          {message.changed.map((field) => (
            <li key={field}>
              <code>{field}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
