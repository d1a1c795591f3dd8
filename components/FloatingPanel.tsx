import { useState } from 'react';
import type { Finding } from '../utils/process/findings';
import { ExternalLink, FindingDetails, HintBadge } from './HintBadge';
import { asOfText, type HintUi } from './hint-ui';

/** Enough to act on; the rest is counted, not rendered (a 5,000-card board stays fast). */
const SHOWN_LIMIT = 50;

/** Findings whose place on the page is not found or not rendered (Trello renders lazily). */
export function FloatingPanel({ findings, ui }: { findings: readonly Finding[]; ui: HintUi }) {
  const [open, setOpen] = useState(findings.length <= 5);
  const shown = findings.slice(0, SHOWN_LIMIT);
  const asOf = asOfText(ui.asOf);
  return (
    <section className="panel" aria-label="Process Lens">
      <header>
        <span>
          Process Lens · {findings.length} {findings.length === 1 ? 'hint' : 'hints'} not shown on
          the board
          {asOf && <small> · {asOf}</small>}
        </span>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {open && (
        <ul>
          {shown.map((finding) => (
            <li
              key={`${finding.rule}|${finding.subject}`}
              data-process-hint={finding.rule}
              data-process-severity={finding.severity}
              data-process-subject={finding.subject}
            >
              {finding.action ? (
                <HintBadge finding={finding} ui={ui} />
              ) : (
                <strong>{finding.title}</strong>
              )}
              <FindingDetails finding={finding} ui={ui} state={ui.actionState(finding)} />
              <ExternalLink href={ui.linkFor(finding)}>Open the card</ExternalLink>
            </li>
          ))}
          {findings.length > shown.length && (
            <li className="more">and {findings.length - shown.length} more</li>
          )}
        </ul>
      )}
    </section>
  );
}
