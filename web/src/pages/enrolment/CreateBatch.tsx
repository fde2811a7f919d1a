// The form that creates an enrolment batch from a settled month (manage_enrolment). It names
// the months already settled inside the program's period (GET …/verval/history) and starts on
// the newest one without a batch. The server's refusal is shown in its own words; a month not
// yet settled (409) says to settle it in Verval first, with a link to that month there.

import { useEffect, useState } from 'preact/hooks';
import { MonthField } from '../../components/MonthField';
import { createBatch, type Batch } from '../../lib/enrolmentApi';
import { formatMonth, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Program } from '../../lib/programsApi';
import { getVervalHistory } from '../../lib/vervalApi';
import { periodText } from '../programs/logic';
import { failureText, PERIOD_PARAM } from '../verval/logic';
import { defaultBatchMonth, isNotSettled, settledInPeriod } from './logic';

interface Props {
  regencyCode: string;
  program: Program;
  /** Months that have a batch already. */
  batched: readonly string[];
  onCreated: (batch: Batch) => void;
}

type Outcome = { ok: true; text: string } | { ok: false; text: string; notSettled: string | null };

export function CreateBatch({ regencyCode, program, batched, onCreated }: Props) {
  const { lang, t } = useI18n();
  const [settled, setSettled] = useState<string[] | null>(null);
  // The month picked by the person, or none: then the newest settled month without a batch,
  // worked out on every render (not set by an effect a frame later, which could overwrite a
  // month picked in between).
  const [picked, setPicked] = useState<string | null>(null);
  const month = picked ?? (settled ? defaultBatchMonth(settled, batched, program.period_from) : program.period_from);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getVervalHistory(regencyCode, controller.signal)
      .then((months) => setSettled(settledInPeriod(months.map((m) => m.period), program.period_from, program.period_to)))
      .catch(() => {
        if (!controller.signal.aborted) setSettled([]); // the form still works; the server judges the month
      });
    return () => controller.abort();
  }, [regencyCode, program.period_from, program.period_to]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      const batch = await createBatch(regencyCode, program.id, month);
      setOutcome({
        ok: true,
        text: t('enrol.create.done', { id: batch.id, month: formatMonth(batch.period, lang), count: formatNumber(batch.counts.selected, lang) }),
      });
      setPicked(null);
      onCreated(batch);
    } catch (caught) {
      setOutcome(
        isNotSettled(caught)
          ? { ok: false, text: t('enrol.create.notSettled', { month: formatMonth(month, lang) }), notSettled: month }
          : { ok: false, text: t('enrol.create.refused', { detail: failureText(caught, t('state.network')) }), notSettled: null },
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="enrol-create" onSubmit={submit} noValidate aria-labelledby="create-batch-title" data-testid="create-batch">
      <h3 id="create-batch-title">{t('enrol.create.title')}</h3>
      <p class="hint" id="create-batch-hint" data-testid="settled-months">
        {settled === null
          ? '\u00a0'
          : settled.length > 0
            ? t('enrol.create.settled', { months: settled.map((p) => formatMonth(p, lang)).join(', ') })
            : t('enrol.create.noneSettled', { period: periodText(program.period_from, program.period_to, lang) })}
      </p>
      <div class="enrol-create-row">
        <MonthField
          id="batch-month"
          legend={t('enrol.create.month')}
          value={month}
          onChange={setPicked}
          invalid={outcome?.ok === false}
          describedBy={outcome?.ok === false ? 'create-batch-hint create-batch-outcome' : 'create-batch-hint'}
        />
        <button type="submit" class="button" disabled={busy} data-testid="create-batch-submit">
          {busy ? t('enrol.create.busy') : t('enrol.create.submit')}
        </button>
      </div>
      <div role="status" id="create-batch-outcome" data-testid="create-outcome" data-ok={outcome ? String(outcome.ok) : undefined}>
        {outcome && (
          <p class={outcome.ok ? 'notice' : 'form-summary'}>
            {outcome.text}
            {!outcome.ok && outcome.notSettled && (
              <>
                {' '}
                <a href={`/verval?${PERIOD_PARAM}=${outcome.notSettled}`} data-testid="open-verval">
                  {t('enrol.create.openVerval', { month: formatMonth(outcome.notSettled, lang) })}
                </a>
              </>
            )}
          </p>
        )}
      </div>
    </form>
  );
}
