import { useState } from 'react';
import type { Finding } from '../utils/process/findings';
import { FindingDetails } from './HintBadge';

/** Findings whose place on the page was not found (or is not rendered) show here. */
export function FloatingPanel({ findings }: { findings: readonly Finding[] }) {
  const [open, setOpen] = useState(true);
  return (
    <section className="panel" aria-label="Process Lens">
      <header>
        <span>
          Process Lens · {findings.length} {findings.length === 1 ? 'hint' : 'hints'}
        </span>
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Show'}
        </button>
      </header>
      {open && (
        <ul>
          {findings.map((finding) => (
            <li
              key={`${finding.rule}|${finding.subject}`}
              className={`sev-${finding.severity}`}
              data-rule={finding.rule}
            >
              <strong>{finding.title}</strong>
              <FindingDetails finding={finding} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
