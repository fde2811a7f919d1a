// What the targets page's forms share: one save at a time with its outcome in words (the server's
// refusal as it wrote it), the line that announces that outcome, the year list, and a file sent
// as written (components/FilePicker, the app's file field).

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { FilePicker } from '../../components/FilePicker';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { failureText } from '../verval/logic';

export interface SaveStatus {
  ok: boolean;
  text: string;
}

/**
 * One save at a time: `run(save)` marks the form busy, awaits `save` (which answers the words of
 * its success) and keeps the outcome; a failure is `refusedKey` with the server's detail.
 * `fail(text)` records a refusal found on the page, before anything is sent.
 */
export function useSave(refusedKey: MessageKey) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SaveStatus | null>(null);
  async function run(save: () => Promise<string>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ ok: true, text: await save() });
    } catch (caught) {
      setStatus({ ok: false, text: t(refusedKey, { detail: failureText(caught, t('state.network')) }) });
    } finally {
      setBusy(false);
    }
  }
  return { busy, status, run, fail: (text: string) => setStatus({ ok: false, text }), clear: () => setStatus(null) };
}

/** The outcome of a save, announced to screen readers; data-ok says which it was. */
export function StatusLine({ status, testid }: { status: SaveStatus | null; testid: string }) {
  return (
    <p class={status?.ok ? 'notice' : 'form-summary'} role="status" data-testid={testid} data-ok={status ? String(status.ok) : undefined}>
      {status?.text}
    </p>
  );
}

/** A form's submit button (`${prefix}-submit`) and the line of its outcome (`${prefix}-status`). */
export function SaveActions({ save, label, prefix }: { save: ReturnType<typeof useSave>; label: string; prefix: string }) {
  const { t } = useI18n();
  return (
    <div class="form-actions">
      <button type="submit" class="button" disabled={save.busy} data-testid={`${prefix}-submit`}>
        {save.busy ? t('monev.targets.busy') : label}
      </button>
      <StatusLine status={save.status} testid={`${prefix}-status`} />
    </div>
  );
}

/** A labelled list of years. */
export function YearField({ id, label, value, years, onChange }: { id: string; label: string; value: number; years: number[]; onChange: (year: number) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={id} value={String(value)} onChange={(e) => onChange(Number((e.currentTarget as HTMLSelectElement).value))}>
        {years.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </div>
  );
}

interface UploadProps {
  /** Prefix of ids and test ids: `${id}-file`, `${id}-submit`, `${id}-status`. */
  id: string;
  label: string;
  hint: string;
  accept: string;
  submit: string;
  busy: string;
  noFile: string;
  refusedKey: MessageKey;
  /** Sends the file; answers the words of its success. */
  send: (file: File) => Promise<string>;
  /** What the last upload came to (a list of what did not fit), under its status. */
  children?: ComponentChildren;
}

/** A file chosen and sent as written, with its outcome in words. */
export function UploadForm({ id, label, hint, accept, submit, busy, noFile, refusedKey, send, children }: UploadProps) {
  const [file, setFile] = useState<File | null>(null);
  const save = useSave(refusedKey);
  function onSubmit(event: Event) {
    event.preventDefault();
    if (!file) {
      save.fail(noFile);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    void save.run(() => send(file));
  }
  return (
    <>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <form class="monev-upload" onSubmit={onSubmit} noValidate aria-label={label}>
        <span id={`${id}-label`} class="monev-label">
          {label}
        </span>
        <FilePicker
          id={`${id}-file`}
          labelledBy={`${id}-label`}
          accept={accept}
          file={file}
          onFile={(chosen) => {
            setFile(chosen);
            save.clear();
          }}
          invalid={save.status?.ok === false}
          describedBy={`${id}-hint`}
          testid={`${id}-file`}
        />
        <button type="submit" class="button" disabled={save.busy} data-testid={`${id}-submit`}>
          {save.busy ? busy : submit}
        </button>
      </form>
      <StatusLine status={save.status} testid={`${id}-status`} />
      {save.status?.ok && children}
    </>
  );
}
