import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { StatusSummary } from '../utils/background/summary';
import { LAST_SUMMARY_KEY } from '../utils/background/summary';
import { send } from '../utils/messaging';
import { agendaMarkdown, agendaText } from '../utils/process/agenda';
import { HISTORY_KEY, type HistoryRecord, readHistory } from '../utils/process/history';
import { SUMMARY_RULES } from '../utils/process/rules';
import { outsideProjects, pullsOfRepos } from '../utils/process/team-pulls';
import { clockTime, formatDay } from '../utils/process/time';
import { SeverityIcon } from './HintBadge';
import { HistoryChart } from './popup/HistoryChart';
import { MyDaySection } from './popup/MyDaySection';
import { NextCall } from './popup/NextCall';
import { ProjectContext } from './popup/ProjectContext';
import { ProjectPulls } from './popup/ProjectPulls';

/** The toolbar popup: how the team is doing against the process, and the week's call. */
export function Popup() {
  const [summary, setSummary] = useState<StatusSummary | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  const [now, setNow] = useState(Date.now());
  const [devList, setDevList] = useState('');
  const [history, setHistory] = useState<HistoryRecord[]>([]);

  const refresh = useCallback(async () => {
    setLoading(true);
    const answer = await send({ type: 'status.summary' });
    setLoading(false);
    // The refresh recorded the counts going into the next call.
    setHistory(readHistory((await browser.storage.local.get(HISTORY_KEY))[HISTORY_KEY]));
    if (answer.ok) {
      setSummary(answer.value);
      setError(null);
    } else setError(answer.error.message);
  }, []);

  useEffect(() => {
    void browser.storage.local.get([LAST_SUMMARY_KEY, 'settings', HISTORY_KEY]).then((stored) => {
      const last = stored[LAST_SUMMARY_KEY] as StatusSummary | undefined;
      if (last) setSummary((current) => current ?? last);
      setHistory((current) => (current.length ? current : readHistory(stored[HISTORY_KEY])));
      setDevList(
        (stored.settings as { process?: { devListAddress?: string } } | undefined)?.process
          ?.devListAddress ?? '',
      );
    });
    void refresh();
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);

  const openOptions = () => void browser.runtime.openOptionsPage();

  if (!summary) {
    return (
      <main className="popup" aria-busy={loading}>
        <h1>Process Lens</h1>
        {loading ? (
          <p>Reading the team’s boards…</p>
        ) : (
          <p role="alert">{error ?? 'No summary yet.'}</p>
        )}
      </main>
    );
  }

  if (summary.setup) {
    return (
      <main className="popup">
        <h1>Process Lens</h1>
        <p>
          {summary.setup === 'connect-trello'
            ? 'Hints already show on the Trello boards you open. For this summary and the call agenda, connect Trello and choose the team’s boards.'
            : 'Choose the Project Pipeline and the project boards to watch, and this summary follows them.'}
        </p>
        <button type="button" className="primary" onClick={openOptions}>
          {summary.setup === 'connect-trello' ? 'Connect Trello' : 'Choose boards'}
        </button>
        <NextCall at={summary.nextCallAt} now={now} />
      </main>
    );
  }

  const heading = `Tech call, ${formatDay(summary.nextCallAt)}`;
  // A summary stored by an older version has no team part.
  const team = summary.team ?? { pulls: [], issues: [], notRefreshed: [] };
  const otherPulls = outsideProjects(team.pulls, summary.projects);
  const otherIssues = outsideProjects(team.issues ?? [], summary.projects);
  const markdown = summary.agenda ? agendaMarkdown(summary.agenda, heading) : '';
  const copy = async (label: string, text: string) => {
    await navigator.clipboard.writeText(text);
    setCopied(label);
  };
  const mail = devList
    ? `mailto:${encodeURIComponent(devList)}?${new URLSearchParams({ subject: heading, body: summary.agenda ? agendaText(summary.agenda, heading) : '' }).toString().replace(/\+/g, '%20')}`
    : undefined;

  return (
    <main className="popup" aria-busy={loading}>
      <header className="popup-head">
        <h1>Process Lens</h1>
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={loading}
          aria-label="Refresh"
        >
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <p className="asof">
        As of {clockTime(summary.asOf)}
        {error && <span role="alert"> · could not refresh: {error}</span>}
      </p>

      <section aria-label="Summary">
        <h2>
          {summary.problems === 0
            ? 'All in line with the process'
            : `${summary.problems} ${summary.problems === 1 ? 'thing' : 'things'} to look at`}
        </h2>
        <dl className="counts">
          {SUMMARY_RULES.map(({ rule, name }) => (
            <div key={rule} className={summary.counts[rule] ? 'has' : undefined} title={rule}>
              <dt>{name}</dt>
              <dd data-process-count={rule}>{summary.counts[rule] ?? 0}</dd>
            </div>
          ))}
        </dl>
        <ul className="projects">
          {summary.projects.map((project) => (
            <li key={project.board}>
              <a
                href={`https://trello.com/b/${project.board}`}
                target="_blank"
                rel="noopener noreferrer"
              >
                {project.name}
              </a>{' '}
              <ProjectContext project={project} />
              {project.error ? (
                <span className="failed">{project.error}</span>
              ) : (
                <span>{project.problems ? `${project.problems} to look at` : 'in line'}</span>
              )}
              {project.notRefreshed && (
                <span className="failed" data-not-refreshed={project.board}>
                  {' '}
                  (not refreshed: {project.notRefreshed.replace(/\.$/, '')}, as of{' '}
                  {clockTime(project.asOf)})
                </span>
              )}
              {project.worst.length > 0 && (
                <ul>
                  {project.worst.map((finding) => (
                    <li
                      key={`${finding.rule}${finding.link}`}
                      className={`sev-${finding.severity}`}
                    >
                      <SeverityIcon severity={finding.severity} />{' '}
                      <a href={finding.link} target="_blank" rel="noopener noreferrer">
                        {finding.title}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <ProjectPulls
                marker={project.board}
                pulls={pullsOfRepos(team.pulls, project.repos ?? [])}
                issues={pullsOfRepos(team.issues ?? [], project.repos ?? [])}
                now={now}
                canCreateCard={() => true}
              />
            </li>
          ))}
          {(otherPulls.length > 0 || otherIssues.length > 0) && (
            <li>
              Other watched repositories
              <ProjectPulls
                marker="other"
                pulls={otherPulls}
                issues={otherIssues}
                now={now}
                canCreateCard={() => false}
              />
            </li>
          )}
        </ul>
        {team.notRefreshed.length > 0 && (
          <p className="failed" data-team-not-refreshed="">
            Not refreshed:{' '}
            {team.notRefreshed.map(({ repo, reason }) => `${repo} (${reason})`).join('; ')}. Its
            pull requests are the last known.
          </p>
        )}
      </section>

      {summary.myDay && <MyDaySection myDay={summary.myDay} push={summary.push} />}

      <HistoryChart history={history} />

      <section aria-label="The weekly call">
        <NextCall at={summary.nextCallAt} now={now} />
        {summary.agenda && (
          <>
            {/* A region that scrolls: reached with Tab, so keyboard users can scroll it. */}
            <pre
              data-process-agenda=""
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs the keyboard (WCAG 2.1.1)
              tabIndex={0}
            >
              {markdown}
            </pre>
            <div className="buttons">
              <button type="button" onClick={() => void copy('Markdown', markdown)}>
                Copy as Markdown
              </button>
              <button
                type="button"
                onClick={() =>
                  void copy('text', summary.agenda ? agendaText(summary.agenda, heading) : '')
                }
              >
                Copy as text
              </button>
              {mail ? (
                <a className="button" href={mail}>
                  Email the development list
                </a>
              ) : (
                <button
                  type="button"
                  onClick={openOptions}
                  title="Set the development list address in the options"
                >
                  Set the list’s address
                </button>
              )}
            </div>
            <p role="status" aria-live="polite">
              {copied && `Copied as ${copied}.`}
            </p>
          </>
        )}
      </section>
    </main>
  );
}
