import { type FormEvent, useEffect, useId, useState } from 'react';
import { send } from '../utils/messaging';
import type { Settings, SettingsIssue } from '../utils/process/settings';
import { type ConnectionState, useSettingsStore } from '../utils/settings-store';

interface Draft {
  apiKey: string;
  trelloToken: string;
  githubToken: string;
  pipelineBoard: string;
  boards: string;
  repos: string;
  lists: string;
  staleInProgressDays: string;
  deadlineHorizonDays: string;
  pipelineStaleDays: string;
  requiredApprovals: string;
  pushIntervalHours: string;
  boardForRepo: string;
  closeLabel: string;
  needsCardScore: string;
  needsCardLabels: string;
  callWeekday: string;
  callTime: string;
  callTimeZone: string;
  devListAddress: string;
}

function draftFrom(
  settings: Settings,
  secrets: { trelloToken: string; githubToken: string },
): Draft {
  return {
    apiKey: settings.trello.apiKey,
    trelloToken: secrets.trelloToken,
    githubToken: secrets.githubToken,
    pipelineBoard: settings.trello.pipelineBoard,
    boards: settings.trello.boards.join('\n'),
    repos: settings.github.repos.join('\n'),
    lists: settings.process.lists.join('\n'),
    staleInProgressDays: String(settings.process.staleInProgressDays),
    deadlineHorizonDays: String(settings.process.deadlineHorizonDays),
    pipelineStaleDays: String(settings.process.pipelineStaleDays),
    requiredApprovals: String(settings.process.requiredApprovals),
    pushIntervalHours: String(settings.process.pushIntervalHours),
    closeLabel: settings.github.closeLabel,
    boardForRepo: Object.entries(settings.github.boardForRepo)
      .map(([repo, board]) => `${repo} ${board}`)
      .join('\n'),
    needsCardScore: String(settings.process.needsCard.score),
    needsCardLabels: settings.process.needsCard.labels.join(', '),
    callWeekday: String(settings.process.techCall.weekday),
    callTime: settings.process.techCall.time,
    callTimeZone: settings.process.techCall.timeZone,
    devListAddress: settings.process.devListAddress,
  };
}

/** "owner/repo board" per line → the mapping; a line that is not two words is kept for validation to name. */
function mappingFrom(text: string): Record<string, string> {
  return Object.fromEntries(
    lines(text).map((line) => {
      const [repo = '', board = ''] = line.split(/\s+/);
      return [repo, board];
    }),
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Settings from the draft, keeping every field this form does not edit. */
function settingsFrom(settings: Settings, draft: Draft): unknown {
  return {
    ...settings,
    trello: {
      ...settings.trello,
      apiKey: draft.apiKey,
      pipelineBoard: draft.pipelineBoard,
      boards: lines(draft.boards),
    },
    github: {
      ...settings.github,
      repos: lines(draft.repos),
      boardForRepo: mappingFrom(draft.boardForRepo),
      closeLabel: draft.closeLabel,
    },
    process: {
      ...settings.process,
      lists: lines(draft.lists),
      requiredApprovals: Number(draft.requiredApprovals),
      needsCard: {
        ...settings.process.needsCard,
        score: Number(draft.needsCardScore),
        labels: draft.needsCardLabels
          .split(',')
          .map((label) => label.trim())
          .filter(Boolean),
      },
      techCall: {
        ...settings.process.techCall,
        weekday: Number(draft.callWeekday),
        time: draft.callTime,
        timeZone: draft.callTimeZone.trim(),
      },
      devListAddress: draft.devListAddress.trim(),
      // Numbers as typed: validation names the field when one is not a whole number in range.
      staleInProgressDays: Number(draft.staleInProgressDays),
      deadlineHorizonDays: Number(draft.deadlineHorizonDays),
      pipelineStaleDays: Number(draft.pipelineStaleDays),
      pushIntervalHours: Number(draft.pushIntervalHours),
    },
  };
}

/** The fields this form shows; an issue on any other field is listed under the form. */
const FORM_FIELDS = [
  'trello.apiKey',
  'trello.pipelineBoard',
  'trello.boards',
  'github.repos',
  'process.lists',
  'process.staleInProgressDays',
  'process.deadlineHorizonDays',
  'process.pipelineStaleDays',
  'process.requiredApprovals',
  'process.pushIntervalHours',
  'github.boardForRepo',
  'github.closeLabel',
  'process.needsCard.score',
  'process.needsCard.labels',
  'process.techCall.weekday',
  'process.techCall.time',
  'process.techCall.timeZone',
  'process.devListAddress',
];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `trello.boards.2` → the field that shows it: `trello.boards`. */
function fieldOf(issue: SettingsIssue): string {
  return (
    FORM_FIELDS.find((field) => issue.field === field || issue.field.startsWith(`${field}.`)) ??
    issue.field
  );
}

/** A pipeline board offered from the board page (`options.html?pipelineBoard=AbCd1234`). */
function offeredPipelineBoard(): string | undefined {
  const board = new URLSearchParams(globalThis.location?.search ?? '').get('pipelineBoard');
  return board && /^[A-Za-z0-9]{8}$/.test(board) ? board : undefined;
}

export function OptionsPage() {
  const [offeredPipeline] = useState(offeredPipelineBoard);
  const { status, settings, secrets, storedIssues, connections, load, save, testConnection } =
    useSettingsStore();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [discovered, setDiscovered] = useState('');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!settings || !secrets) return;
    setDraft((current) => {
      if (current) return current;
      const draft = draftFrom(settings, secrets);
      return offeredPipeline ? { ...draft, pipelineBoard: offeredPipeline } : draft;
    });
  }, [settings, secrets, offeredPipeline]);

  if (status === 'failed')
    return (
      <main>
        <p role="alert">Process Lens could not read its settings. Reload this page.</p>
      </main>
    );
  if (!draft || !settings)
    return (
      <main aria-busy="true">
        <p>Loading settings…</p>
      </main>
    );

  const update = (field: keyof Draft) => (value: string) => {
    setDraft({ ...draft, [field]: value });
    setSaved('idle');
  };
  const errorFor = (field: string) =>
    issues
      .filter((issue) => fieldOf(issue) === field)
      .map((issue) => issue.message)
      .join('; ') || undefined;

  const weekdayError = errorFor('process.techCall.weekday');
  const firstRun = !settings.trello.apiKey && !secrets?.trelloToken && !secrets?.githubToken;

  async function submit(): Promise<boolean> {
    if (!draft || !settings) return false;
    setSaved('saving');
    const found = await save(settingsFrom(settings, draft), {
      trelloToken: draft.trelloToken,
      githubToken: draft.githubToken,
    });
    setIssues(found);
    setSaved(found.length ? 'idle' : 'saved');
    return found.length === 0;
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };
  async function addPipelineBoards() {
    if (!(await submit())) return;
    const answer = await send({ type: 'trello.pipelineBoards' });
    if (!answer.ok) return setDiscovered(answer.error.message);
    const current = new Set(lines(draft?.boards ?? ''));
    const added = answer.value.filter((board) => !current.has(board));
    if (draft && added.length) setDraft({ ...draft, boards: [...current, ...added].join('\n') });
    setDiscovered(
      added.length
        ? `Added ${added.join(', ')}: save to keep them.`
        : 'The pipeline links no other boards.',
    );
  }

  async function connectTrello() {
    if (!draft || !(await submit())) return;
    const token = await useSettingsStore.getState().connectTrello(draft.apiKey);
    if (token) setDraft((current) => (current ? { ...current, trelloToken: token } : current));
  }

  const saveAndTest = async (service: 'trello' | 'github') => {
    if (await submit()) await testConnection(service);
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
          <ul>
            {storedIssues.map((issue) => (
              <li key={issue.field}>
                <code>{issue.field}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>Trello</legend>
          <Field
            label="API key"
            name="trello.apiKey"
            value={draft.apiKey}
            onChange={update('apiKey')}
            error={errorFor('trello.apiKey')}
            help="From trello.com/power-ups/admin → your Power-Up → API key."
          />
          <Field
            label="Token"
            name="secrets.trelloToken"
            type="password"
            value={draft.trelloToken}
            onChange={update('trelloToken')}
            help="Read and write access to your boards. Revoke it any time in your Trello account settings."
          />
          <Field
            label="Project Pipeline board"
            name="trello.pipelineBoard"
            value={draft.pipelineBoard}
            onChange={update('pipelineBoard')}
            error={errorFor('trello.pipelineBoard')}
            help="A board URL or its short link."
          />
          <Field
            label="Watched project boards"
            name="trello.boards"
            multiline
            value={draft.boards}
            onChange={update('boards')}
            error={errorFor('trello.boards')}
            help="One board URL or short link per line."
          />
          <div className="connection">
            <button type="button" onClick={() => void addPipelineBoards()} data-discover-boards="">
              Save and add the boards the pipeline links to
            </button>
            <span role="status" aria-live="polite">
              {discovered}
            </span>
          </div>
          <div className="connection">
            <button
              type="button"
              onClick={() => void connectTrello()}
              disabled={!draft.apiKey.trim()}
              data-connect-trello=""
            >
              Connect Trello
            </button>
            <small>
              Opens Trello’s authorize page (read and write, 30 days); or paste a token above.
            </small>
          </div>
          <ConnectionTest
            service="trello"
            label="Trello"
            state={connections.trello}
            onTest={() => void saveAndTest('trello')}
          />
        </fieldset>
        <fieldset>
          <legend>GitHub</legend>
          <Field
            label="Token"
            name="secrets.githubToken"
            type="password"
            value={draft.githubToken}
            onChange={update('githubToken')}
            help="A fine-grained token for the team's repositories: Issues read & write, Pull requests read, Metadata read, and Contents read (to load the team's settings file from a private repository)."
          />
          <Field
            label="Watched repositories"
            name="github.repos"
            multiline
            value={draft.repos}
            onChange={update('repos')}
            error={errorFor('github.repos')}
            help='One "owner/repo" per line.'
          />
          <ConnectionTest
            service="github"
            label="GitHub"
            state={connections.github}
            onTest={() => void saveAndTest('github')}
          />
        </fieldset>
        <fieldset>
          <legend>Process rules</legend>
          <Field
            label="Process lists of a project board"
            name="process.lists"
            multiline
            value={draft.lists}
            onChange={update('lists')}
            error={errorFor('process.lists')}
            help="One per line, in process order (board.missing-lists; “Add the missing lists” creates them in this order)."
          />
          <Field
            label="Days in “In progress” before a card is stale"
            name="process.staleInProgressDays"
            type="number"
            value={draft.staleInProgressDays}
            onChange={update('staleInProgressDays')}
            error={errorFor('process.staleInProgressDays')}
            help="card.stale-in-progress, counted from when the card moved into the list. Default 7."
          />
          <Field
            label="Deadline horizon (days)"
            name="process.deadlineHorizonDays"
            type="number"
            value={draft.deadlineHorizonDays}
            onChange={update('deadlineHorizonDays')}
            error={errorFor('process.deadlineHorizonDays')}
            help="pipeline.deadline-too-far: a project due later than this should be divided. Default 56 (8 weeks)."
          />
          <Field
            label="Pipeline card stale after (days)"
            name="process.pipelineStaleDays"
            type="number"
            value={draft.pipelineStaleDays}
            onChange={update('pipelineStaleDays')}
            error={errorFor('process.pipelineStaleDays')}
            help="pipeline.stale and pipeline.review-due: the monthly review window. Default 31."
          />
          <Field
            label="Hours without a push to your forks before it is overdue"
            name="process.pushIntervalHours"
            type="number"
            value={draft.pushIntervalHours}
            onChange={update('pushIntervalHours')}
            error={errorFor('process.pushIntervalHours')}
            help="push.overdue, in the popup and the badge. Default 24."
          />
        </fieldset>
        <fieldset>
          <legend>Reviews and issues</legend>
          <Field
            label="Approvals needed from others before merging"
            name="process.requiredApprovals"
            type="number"
            value={draft.requiredApprovals}
            onChange={update('requiredApprovals')}
            error={errorFor('process.requiredApprovals')}
            help="pr.reviews. Default 1."
          />
          <Field
            label="Repository → board"
            name="github.boardForRepo"
            multiline
            value={draft.boardForRepo}
            onChange={update('boardForRepo')}
            error={errorFor('github.boardForRepo')}
            help='One "owner/repo board" per line, e.g. "p2pu/lernanta LeRnAnTa": where "Create card" and "Move to a Trello card" put cards.'
          />
          <Field
            label="Label for issues closed by a move"
            name="github.closeLabel"
            value={draft.closeLabel}
            onChange={update('closeLabel')}
            error={errorFor('github.closeLabel')}
            help="Added when “Move to a Trello card” closes an issue, if the repository has that label (none is created). Empty: no label."
          />
          <Field
            label="Score at which an issue needs a card"
            name="process.needsCard.score"
            type="number"
            value={draft.needsCardScore}
            onChange={update('needsCardScore')}
            error={errorFor('process.needsCard.score')}
            help="issue.needs-card. Default 3."
          />
          <Field
            label="Labels that count towards it"
            name="process.needsCard.labels"
            value={draft.needsCardLabels}
            onChange={update('needsCardLabels')}
            error={errorFor('process.needsCard.labels')}
            help="Comma-separated."
          />
        </fieldset>
        <fieldset>
          <legend>Weekly tech call</legend>
          <div className="field">
            <label htmlFor="call-weekday">Day</label>
            <select
              id="call-weekday"
              name="process.techCall.weekday"
              value={draft.callWeekday}
              onChange={(event) => update('callWeekday')(event.target.value)}
              aria-invalid={weekdayError ? true : undefined}
              aria-describedby={weekdayError ? 'call-weekday-error' : undefined}
            >
              {WEEKDAYS.map((day, index) => (
                <option key={day} value={index}>
                  {day}
                </option>
              ))}
            </select>
            {weekdayError && (
              <small
                id="call-weekday-error"
                className="error"
                data-field-error="process.techCall.weekday"
              >
                {weekdayError}
              </small>
            )}
          </div>
          <Field
            label="Time (24-hour, in the call’s time zone)"
            name="process.techCall.time"
            value={draft.callTime}
            onChange={update('callTime')}
            error={errorFor('process.techCall.time')}
            help="Default 07:00."
          />
          <Field
            label="The call’s time zone"
            name="process.techCall.timeZone"
            value={draft.callTimeZone}
            onChange={update('callTimeZone')}
            error={errorFor('process.techCall.timeZone')}
            help="An IANA zone. Default America/Los_Angeles (“7:00 AM PST”); each member sees the call in their own zone."
          />
          <Field
            label="Development list address"
            name="process.devListAddress"
            value={draft.devListAddress}
            onChange={update('devListAddress')}
            error={errorFor('process.devListAddress')}
            help="Where “Email the development list” sends the call notes."
          />
        </fieldset>
        <ShareSettings
          onImported={(imported) =>
            setDraft((current) =>
              current && secrets
                ? {
                    ...draftFrom(imported, secrets),
                    trelloToken: current.trelloToken,
                    githubToken: current.githubToken,
                  }
                : current,
            )
          }
        />
        {issues
          .filter((issue) => !FORM_FIELDS.includes(fieldOf(issue)))
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
            {saved === 'saving'
              ? 'Saving…'
              : saved === 'saved'
                ? 'Saved.'
                : issues.length
                  ? 'Not saved: fix the fields marked in red.'
                  : ''}
          </span>
        </div>
      </form>
    </main>
  );
}

/** Export and import of `settings` as a JSON file, so a team shares one process configuration (no secrets). */
function ShareSettings({ onImported }: { onImported(settings: Settings): void }) {
  const { settings, importSettings } = useSettingsStore();
  const [message, setMessage] = useState<{
    text: string;
    issues?: SettingsIssue[];
    changed?: string[];
  } | null>(null);
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
      {message && (
        <div role={message.issues ? 'alert' : 'status'} data-import-result="">
          {message.text}
          {message.issues && (
            <ul>
              {message.issues.map((issue) => (
                <li key={issue.field}>
                  <code>{issue.field}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
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
      )}
    </fieldset>
  );
}

function Field(props: {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  help?: string;
  error?: string;
  type?: 'text' | 'password' | 'number';
  multiline?: boolean;
}) {
  const id = useId();
  const described =
    [props.help && `${id}-help`, props.error && `${id}-error`].filter(Boolean).join(' ') ||
    undefined;
  const common = {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described,
    spellCheck: false,
    autoComplete: 'off',
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea rows={3} {...common} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          type={props.type ?? 'text'}
          {...common}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      {props.help && <small id={`${id}-help`}>{props.help}</small>}
      {props.error && (
        <small id={`${id}-error`} className="error" data-field-error={props.name}>
          {props.error}
        </small>
      )}
    </div>
  );
}

function ConnectionTest(props: {
  service: 'trello' | 'github';
  label: string;
  state: ConnectionState;
  onTest(): void;
}) {
  const { state } = props;
  return (
    <div className="connection">
      <button
        type="button"
        onClick={props.onTest}
        disabled={state.state === 'testing'}
        data-test-connection={props.service}
      >
        Save and test connection
      </button>
      <span
        role="status"
        aria-live="polite"
        data-connection-status={props.service}
        className={state.state === 'failed' ? 'error' : undefined}
      >
        {state.state === 'testing' && `Connecting to ${props.label}…`}
        {state.state === 'connected' && `Connected to ${props.label} as ${state.identity.who}.`}
        {state.state === 'failed' && state.error.message}
      </span>
    </div>
  );
}
