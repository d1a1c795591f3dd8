/** The GitHub fieldset: the token, the watched repositories and the connection test. */
import { ConnectionTest } from './ConnectionTest';
import { FieldSection } from './FieldSection';
import type { DraftForm } from './useOptionsForm';

export function GitHubSection({ form }: { form: DraftForm }) {
  return (
    <FieldSection section="github" form={form}>
      <ConnectionTest service="github" form={form} />
    </FieldSection>
  );
}
