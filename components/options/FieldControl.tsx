/** One field of the table: its label, its control by kind, its help and its validation message. */
import { type ChangeEvent, useId } from 'react';
import type { FieldKind, FormField } from './fields';
import type { DraftForm } from './useOptionsForm';

const INPUT_TYPES: Partial<Record<FieldKind, 'password' | 'number'>> = {
  password: 'password',
  number: 'number',
};

export function FieldControl({ field, form }: { field: FormField; form: DraftForm }) {
  const generatedId = useId();
  const id = field.id ?? generatedId;
  const error = form.errorFor(field.name);
  const control = {
    id,
    name: field.name,
    value: form.draft[field.name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      form.edit(field.name, event.target.value),
    'aria-invalid': error ? true : undefined,
    'aria-describedby':
      [field.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined,
  } as const;
  const typed = { ...control, spellCheck: false, autoComplete: 'off' } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'choice' ? (
        <select {...control}>
          {field.choices?.map((choice, index) => (
            <option key={choice} value={index}>
              {choice}
            </option>
          ))}
        </select>
      ) : field.kind === 'lines' || field.kind === 'pairs' ? (
        <textarea rows={3} {...typed} />
      ) : (
        <input type={INPUT_TYPES[field.kind] ?? 'text'} {...typed} />
      )}
      {field.help && <small id={`${id}-help`}>{field.help}</small>}
      {error && (
        <small id={`${id}-error`} className="error" data-field-error={field.name}>
          {error}
        </small>
      )}
    </div>
  );
}
