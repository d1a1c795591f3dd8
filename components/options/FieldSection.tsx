/** A fieldset of the options form: the table's fields of one section, then what it adds. */
import type { ReactNode } from 'react';
import { FieldControl } from './FieldControl';
import { fieldsIn, type OptionSection, SECTION_LEGENDS } from './fields';
import type { DraftForm } from './useOptionsForm';

export function FieldSection(props: {
  section: OptionSection;
  form: DraftForm;
  children?: ReactNode;
}) {
  return (
    <fieldset>
      <legend>{SECTION_LEGENDS[props.section]}</legend>
      {fieldsIn(props.section).map((field) => (
        <FieldControl key={field.name} field={field} form={props.form} />
      ))}
      {props.children}
    </fieldset>
  );
}
