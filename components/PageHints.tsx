import { memo } from 'react';
import { createPortal } from 'react-dom';
import type { Finding } from '../utils/process/findings';
import { FloatingPanel } from './FloatingPanel';
import { HintBadge } from './HintBadge';
import type { HintUi } from './hint-ui';

export interface PlacedHint {
  key: string;
  finding: Finding;
  container: ShadowRoot;
}

/** Placing one more hint (a card scrolled into view) re-renders none of the others. */
const PlacedBadge = memo(HintBadge);

/** The one React root of a page: hints through portals into their hosts, plus the panel. */
export function PageHints({
  placed,
  unplaced,
  panel,
  ui,
}: {
  placed: readonly PlacedHint[];
  unplaced: readonly Finding[];
  panel: ShadowRoot | null;
  ui: HintUi;
}) {
  return (
    <>
      {placed.map(({ key, finding, container }) =>
        createPortal(<PlacedBadge finding={finding} ui={ui} />, container, key),
      )}
      {panel &&
        unplaced.length > 0 &&
        createPortal(<FloatingPanel findings={unplaced} ui={ui} />, panel, 'panel')}
    </>
  );
}
