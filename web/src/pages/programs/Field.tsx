// One labelled form field of the program pages: the label, the control, a hint and the field's
// error below it. The control is the caller's; `describedBy` gives it the ids of the hint and
// the error so that a screen reader reads both with the field.

import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  wide?: boolean;
  children: ComponentChildren;
}

/** The aria-describedby of a field's control: its hint and, when there is one, its error. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter((x) => x !== '');
  return ids.length > 0 ? ids.join(' ') : undefined;
}

export function Field({ id, label, hint, error, wide, children }: Props) {
  return (
    <div class={`field${wide ? ' field-wide' : ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  wide?: boolean;
  value: string;
  onInput: (value: string) => void;
  onBlur?: () => void;
  inputMode?: 'text' | 'numeric' | 'decimal';
  maxLength?: number;
  size?: number;
  placeholder?: string;
  class?: string;
  /** Ids that describe the input instead of its own hint and error (a hint shared by two fields). */
  describedBy?: string;
  /** Marks the input invalid when the error is shown elsewhere (with `describedBy`). */
  invalid?: boolean;
}

/** A one-line text field (test id = id): figures as people type them, names, decree numbers. */
export function TextField({ id, label, hint, error, wide, value, onInput, onBlur, inputMode, maxLength, size, placeholder, class: extra, describedBy: others, invalid }: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} wide={wide}>
      <input
        id={id}
        type="text"
        autocomplete="off"
        class={extra}
        inputMode={inputMode}
        maxLength={maxLength}
        size={size}
        placeholder={placeholder}
        value={value}
        onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        onBlur={onBlur}
        aria-invalid={error || invalid ? 'true' : undefined}
        aria-describedby={others ?? describedBy(id, Boolean(hint), Boolean(error))}
        data-testid={id}
      />
    </Field>
  );
}
