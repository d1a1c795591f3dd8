/** "Save and test connection" for one service, and who the connection belongs to or why it failed. */
import { useSettingsStore } from '../../utils/settings-store';
import type { DraftForm } from './useOptionsForm';

const SERVICE_NAMES = { trello: 'Trello', github: 'GitHub' } as const;

export function ConnectionTest(props: { service: 'trello' | 'github'; form: DraftForm }) {
  const { service, form } = props;
  const state = useSettingsStore((store) => store.connections[service]);
  const testConnection = useSettingsStore((store) => store.testConnection);
  const label = SERVICE_NAMES[service];
  const saveAndTest = async () => {
    if (await form.submit()) await testConnection(service);
  };
  return (
    <div className="connection">
      <button
        type="button"
        onClick={() => void saveAndTest()}
        disabled={state.state === 'testing'}
        data-test-connection={service}
      >
        Save and test connection
      </button>
      <span
        role="status"
        aria-live="polite"
        data-connection-status={service}
        className={state.state === 'failed' ? 'error' : undefined}
      >
        {state.state === 'testing' && `Connecting to ${label}…`}
        {state.state === 'connected' && `Connected to ${label} as ${state.identity.who}.`}
        {state.state === 'failed' && state.error.message}
      </span>
    </div>
  );
}
