/** The options form's state: the draft of every field, the issues of the last save, its status. */
import { useEffect, useState } from 'react';
import type { Settings, SettingsIssue } from '../../utils/process/settings';
import { useSettingsStore } from '../../utils/settings-store';
import { type Draft, draftFrom, formFieldOf, secretsFrom, settingsFrom } from './draft';
import type { FieldName } from './fields';

export type SaveStatus = 'idle' | 'saving' | 'saved';

export interface DraftForm {
  draft: Draft;
  /** The user changed a field: the form is no longer saved. */
  edit(name: FieldName, value: string): void;
  /** The page filled in a field (boards it found, a token it was handed). */
  fill(name: FieldName, value: string): void;
  /** The validation messages of a field, joined. */
  errorFor(name: FieldName): string | undefined;
  /** Validates and saves the draft: true when it was saved. */
  submit(): Promise<boolean>;
}

/** A pipeline board offered from the board page (`options.html?pipelineBoard=AbCd1234`). */
function offeredPipelineBoard(): string | undefined {
  const board = new URLSearchParams(globalThis.location?.search ?? '').get('pipelineBoard');
  return board && /^[A-Za-z0-9]{8}$/.test(board) ? board : undefined;
}

export function useOptionsForm() {
  const { settings, secrets, save } = useSettingsStore();
  const [offeredPipeline] = useState(offeredPipelineBoard);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<SettingsIssue[]>([]);
  const [saved, setSaved] = useState<SaveStatus>('idle');

  useEffect(() => {
    if (!settings || !secrets) return;
    setDraft((current) => {
      if (current) return current;
      const draft = draftFrom(settings, secrets);
      return offeredPipeline ? { ...draft, 'trello.pipelineBoard': offeredPipeline } : draft;
    });
  }, [settings, secrets, offeredPipeline]);

  const fill = (name: FieldName, value: string) =>
    setDraft((current) => (current ? { ...current, [name]: value } : current));

  const form: DraftForm | null = draft && {
    draft,
    fill,
    edit(name, value) {
      fill(name, value);
      setSaved('idle');
    },
    errorFor: (name) =>
      issues
        .filter((issue) => formFieldOf(issue) === name)
        .map((issue) => issue.message)
        .join('; ') || undefined,
    async submit() {
      if (!settings) return false;
      setSaved('saving');
      const found = await save(settingsFrom(settings, draft), secretsFrom(draft));
      setIssues(found);
      setSaved(found.length ? 'idle' : 'saved');
      return found.length === 0;
    },
  };

  /** Imported settings replace the draft, but for the tokens typed in it. */
  const showImported = (imported: Settings) =>
    setDraft((current) => (current ? draftFrom(imported, secretsFrom(current)) : current));

  return { form, issues, saved, offeredPipeline, showImported };
}
