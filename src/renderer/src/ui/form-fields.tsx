import type { ValidationIssue } from '@shared/errors';
import { fieldPath } from '@shared/validation/plain-issues';
import { useId } from 'react';

/** The first problem the host reported about a field (or a part of it), to show beside it. */
export function issueAt(issues: ValidationIssue[], path: string): string | undefined {
  return issues.find((issue) => {
    const at = fieldPath(issue.path);
    return at === path || at.startsWith(`${path}.`);
  })?.message;
}

/** What is wrong with a field, in words, right under it. */
export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <small id={id} className="field-error">
      {message}
    </small>
  );
}

export function NumberField({
  label,
  value,
  onChange,
  step,
  min,
  error,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  min?: number;
  error?: string;
}) {
  const errorId = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={label}
        type="number"
        step={step ?? 1}
        min={min}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <FieldError id={errorId} message={error} />
    </label>
  );
}

/** A labelled text input with its problem, if any, beneath it. `name` is its accessible name when the label says more. */
export function TextField({
  label,
  name,
  value,
  onChange,
  error,
  placeholder,
  maxLength,
  disabled,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  placeholder?: string;
  maxLength?: number;
  disabled?: boolean;
}) {
  const errorId = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        aria-label={name ?? label}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={errorId} message={error} />
    </label>
  );
}

/** Something that went wrong, in words, announced to screen readers; nothing when all is well. */
export function ErrorAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
