// Form controls with their label, hint and error wired for assistive
// technology: aria-invalid and aria-describedby point at the message.
import type { ButtonHTMLAttributes, ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';
import type { ApiError } from '../api';
import { t } from '../i18n';

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  children: (control: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ComponentChildren;
  class?: string;
}

export function Field({ label, hint, error, children, class: className }: FieldProps) {
  const id = useId();
  const describedBy = [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ');
  return (
    <div class={'field' + (error ? ' field-invalid' : '') + (className ? ' ' + className : '')}>
      <label for={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {hint && (
        <p class="hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={id + '-error'}>
          {error}
        </p>
      )}
    </div>
  );
}

type InputProps = {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  name?: string;
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'tel';
  required?: boolean;
  autoComplete?: string;
  min?: string;
  max?: string;
  step?: string;
  maxLength?: number;
  placeholder?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'tel' | 'search';
  class?: string;
};

export function TextField({ label, hint, error, value, onValue, class: className, ...rest }: InputProps) {
  return (
    <Field label={label} hint={hint} error={error} class={className}>
      {(control) => (
        <input
          {...(rest as InputHTMLAttributes<HTMLInputElement>)}
          {...control}
          value={value}
          onInput={(event) => onValue((event.currentTarget as HTMLInputElement).value)}
        />
      )}
    </Field>
  );
}

type TextAreaProps = {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  name?: string;
  required?: boolean;
};

export function TextAreaField({ label, hint, error, value, onValue, ...rest }: TextAreaProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...rest}
          {...control}
          value={value}
          onInput={(event) => onValue((event.currentTarget as HTMLTextAreaElement).value)}
        />
      )}
    </Field>
  );
}

type SelectProps = {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  options: { value: string; label: string }[];
  name?: string;
  required?: boolean;
};

export function SelectField({ label, hint, error, value, onValue, options, ...rest }: SelectProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select
          {...rest}
          {...control}
          value={value}
          onChange={(event) => onValue((event.currentTarget as HTMLSelectElement).value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' | 'danger' | 'link' };

// A button that shows it is working and cannot be pressed twice meanwhile.
export function Button({ busy, variant = 'primary', children, disabled, class: className, ...rest }: ButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      class={`button button-${variant}${className ? ' ' + className : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {busy ? t('common.working') : children}
    </button>
  );
}

// An error from an action, announced to screen readers as it appears.
export function ErrorText({ error }: { error: ApiError | string | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {typeof error === 'string' ? error : error.message}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}
