// What the targets page's three forms share: one save at a time with its outcome in words (the
// server's refusal as it wrote it), the line that announces that outcome, and the year list.

import { useState } from 'preact/hooks';
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
