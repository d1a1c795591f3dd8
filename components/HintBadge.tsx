import { useId } from 'react';
import type { Finding } from '../utils/process/findings';

const ICON: Record<Finding['severity'], string> = { ok: '✓', info: 'ℹ', warn: '⚠', error: '✕' };

/** The small badge placed next to a card, list or header; details on hover or keyboard focus. */
export function HintBadge({ finding }: { finding: Finding }) {
  const tipId = useId();
  return (
    <>
      {/* A button so keyboard users can reach the details too; it never takes focus by itself. */}
      <button type="button" className={`hint sev-${finding.severity}`} aria-describedby={tipId}>
        <span aria-hidden="true">{ICON[finding.severity]}</span>
        <span className="title">{finding.title}</span>
      </button>
      <div className="tip" id={tipId} role="tooltip">
        <FindingDetails finding={finding} />
      </div>
    </>
  );
}

/** Message, advice and the process sentence: every string rendered as text. */
export function FindingDetails({ finding }: { finding: Finding }) {
  return (
    <>
      <p>{finding.message}</p>
      {finding.advice && <p className="advice">{finding.advice}</p>}
      {finding.sentence && <p className="sentence">Process: “{finding.sentence}”</p>}
    </>
  );
}
