// A program's budget lines: the original budget and each revision (PAK) with its decree number
// and date ("24 September 2025"), what it changed and the quota it set, the newest marked as in
// force; and, for those who manage programs, the form that records a PAK (the whole new budget,
// the new quota when the PAK changes it, the decree, its date chosen in words with DateField).
// The server's refusal stands next to its field.

import { useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { ApiError } from '../../lib/api';
import { formatDateTime, formatNumber, formatOptionalDate, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { reviseBudget, type Program } from '../../lib/programsApi';
import { failureText } from '../verval/logic';
import { TextField } from './Field';
import { parseRupiah, problemField, revisionInput, rupiahInputText, type FieldErrors, type RevisionField } from './logic';

interface Props {
  regencyCode: string;
  program: Program;
  canManage: boolean;
  onRevised: (program: Program) => void;
}

export function BudgetLines({ regencyCode, program, canManage, onRevised }: Props) {
  const { lang, t } = useI18n();
  const lines = program.budget_lines;
  const newest = lines[lines.length - 1]?.id;
  let revision = 0;
  return (
    <section class="panel" aria-labelledby="lines-title" data-testid="budget-lines">
      <header class="panel-head">
        <h2 id="lines-title">{t('program.lines.title')}</h2>
      </header>
      <p class="hint">{t('program.lines.note')}</p>
      <div class="table-scroll">
        <table class="data-table" data-testid="budget-lines-table">
          <caption class="visually-hidden">{t('program.lines.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('program.lines.kind')}</th>
              <th scope="col" class="num">
                {t('program.lines.amount')}
              </th>
              <th scope="col" class="num">
                {t('program.lines.change')}
              </th>
              <th scope="col" class="num">
                {t('program.lines.quota')}
              </th>
              <th scope="col">{t('program.lines.decree')}</th>
              <th scope="col">{t('program.lines.date')}</th>
              <th scope="col">{t('program.lines.recorded')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => {
              const change = i === 0 ? null : line.amount - lines[i - 1].amount;
              if (line.kind === 'revision') revision += 1;
              return (
                <tr key={line.id} data-testid="budget-line" data-kind={line.kind} data-amount={line.amount}>
                  <th scope="row">
                    {line.kind === 'original' ? t('program.lines.original') : t('program.lines.revision', { n: formatNumber(revision, lang) })}
                    {line.id === newest && ' '}
                    {line.id === newest && <span class="program-tag">{t('program.lines.current')}</span>}
                  </th>
                  <td class="num">{formatRupiah(line.amount)}</td>
                  <td class="num">{change === null ? '–' : `${change > 0 ? '+' : change < 0 ? '−' : ''}${formatRupiah(Math.abs(change))}`}</td>
                  <td class="num" data-testid="line-quota">
                    {line.quota === null || line.quota === undefined ? '–' : formatNumber(line.quota, lang)}
                  </td>
                  <td data-testid="line-decree">{line.decree || '–'}</td>
                  <td class="nowrap" data-testid="line-date">
                    {formatOptionalDate(line.decree_date, lang)}
                  </td>
                  <td class="program-recorded">
                    {formatDateTime(line.created_at, lang)} <span class="muted">· {line.actor}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canManage && <RevisionForm regencyCode={regencyCode} program={program} onRevised={onRevised} />}
    </section>
  );
}

function RevisionForm({ regencyCode, program, onRevised }: { regencyCode: string; program: Program; onRevised: (program: Program) => void }) {
  const { lang, t } = useI18n();
  const [budget, setBudget] = useState('');
  const [quota, setQuota] = useState('');
  const [decree, setDecree] = useState('');
  const [date, setDate] = useState(() => todayInJakarta());
  const [errors, setErrors] = useState<FieldErrors<RevisionField>>({});
  const [server, setServer] = useState<{ detail: string; field: RevisionField | null } | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const errorOf = (field: RevisionField) => {
    const own = errors[field];
    if (own) return t(own.key, own.params);
    return server?.field === field ? server.detail : undefined;
  };
  const focus = (field: RevisionField) =>
    setTimeout(() => document.getElementById(field === 'date' ? 'revise-date-day' : `revise-${field}`)?.focus(), 0);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setServer(null);
    setStatus(null);
    const checked = revisionInput({ budget, quota, decree, date });
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ ok: false, text: t('program.revise.invalid') });
      const first = (['budget', 'quota', 'decree', 'date'] as const).find((f) => checked.errors[f]);
      if (first) focus(first);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const revised = await reviseBudget(regencyCode, program.id, checked.revision);
      setBudget('');
      setQuota('');
      setDecree('');
      setStatus({
        ok: true,
        text: t('program.revise.done', { amount: formatRupiah(revised.budget), quota: formatNumber(revised.quota, lang) }),
      });
      onRevised(revised);
    } catch (caught) {
      const detail = failureText(caught, t('state.network'));
      const found = caught instanceof ApiError && caught.status >= 400 && caught.status < 500 ? problemField(detail) : null;
      const field = found === 'budget' || found === 'quota' || found === 'decree' || found === 'date' ? found : null;
      setServer({ detail, field });
      setStatus({ ok: false, text: t('program.revise.refused', { detail }) });
      if (field) focus(field);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="program-revise" onSubmit={submit} noValidate aria-labelledby="revise-title" data-testid="revise-form">
      <h3 id="revise-title">{t('program.revise.title')}</h3>
      <div class="program-revise-fields">
        <TextField
          id="revise-budget"
          label={t('program.revise.budget')}
          hint={t('program.revise.budgetHint', { current: formatRupiah(program.budget) })}
          error={errorOf('budget')}
          inputMode="numeric"
          value={budget}
          onInput={setBudget}
          onBlur={() => {
            const parsed = parseRupiah(budget);
            if (parsed.ok) setBudget(rupiahInputText(parsed.value));
          }}
        />
        <TextField
          id="revise-quota"
          label={t('program.revise.quota')}
          hint={t('program.revise.quotaHint', { current: formatNumber(program.quota, lang) })}
          error={errorOf('quota')}
          inputMode="numeric"
          value={quota}
          onInput={setQuota}
        />
        <TextField id="revise-decree" label={t('program.revise.decree')} hint={t('program.revise.decreeHint')} error={errorOf('decree')}
          maxLength={200} value={decree} onInput={setDecree} />
        <div class="field">
          <DateField
            id="revise-date"
            legend={t('program.revise.date')}
            value={date}
            onChange={setDate}
            invalid={Boolean(errorOf('date'))}
            describedBy={errorOf('date') ? 'revise-date-error' : undefined}
          />
          {errorOf('date') && (
            <p class="field-error" id="revise-date-error">
              {errorOf('date')}
            </p>
          )}
        </div>
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="revise-save">
          {busy ? t('program.revise.saving') : t('program.revise.save')}
        </button>
        <p class={status?.ok ? 'notice' : 'form-summary'} role="status" data-testid="revise-status" data-ok={status ? String(status.ok) : undefined}>
          {status?.text}
        </p>
      </div>
    </form>
  );
}
