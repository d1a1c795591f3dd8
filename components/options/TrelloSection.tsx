/**
 * The Trello fieldset: key, token, pipeline and watched boards; adding the boards the pipeline
 * links to, connecting through Trello's authorize page, and the connection test.
 */
import { useState } from 'react';
import { send } from '../../utils/messaging';
import { useSettingsStore } from '../../utils/settings-store';
import { ConnectionTest } from './ConnectionTest';
import { lines } from './draft';
import { FieldSection } from './FieldSection';
import type { DraftForm } from './useOptionsForm';

export function TrelloSection({ form }: { form: DraftForm }) {
  const [discovered, setDiscovered] = useState('');
  const { draft } = form;

  async function addPipelineBoards() {
    if (!(await form.submit())) return;
    const answer = await send({ type: 'trello.pipelineBoards' });
    if (!answer.ok) return setDiscovered(answer.error.message);
    const current = new Set(lines(draft['trello.boards']));
    const added = answer.value.filter((board) => !current.has(board));
    if (added.length) form.fill('trello.boards', [...current, ...added].join('\n'));
    setDiscovered(
      added.length
        ? `Added ${added.join(', ')}: save to keep them.`
        : 'The pipeline links no other boards.',
    );
  }

  async function connectTrello() {
    if (!(await form.submit())) return;
    const token = await useSettingsStore.getState().connectTrello(draft['trello.apiKey']);
    if (token) form.fill('secrets.trelloToken', token);
  }

  return (
    <FieldSection section="trello" form={form}>
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
          disabled={!draft['trello.apiKey'].trim()}
          data-connect-trello=""
        >
          Connect Trello
        </button>
        <small>
          Opens Trello’s authorize page (read and write, 30 days); or paste a token above.
        </small>
      </div>
      <ConnectionTest service="trello" form={form} />
    </FieldSection>
  );
}
