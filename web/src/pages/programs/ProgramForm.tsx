// The new-program form (manage_programs): name; funding sources with their shares in percent;
// the budget in rupiah as people write it (2.800.000.000) with its optional DPA decree; the
// period from/to (MonthField); quota, declared income, JHT and the BPJS participation code; an
// optional age range and the priority order. What can be told here (required fields, how numbers
// are written, shares summing to 100 %) is checked before sending (logic.ts programInput); the
// server's refusal (problem+json, Indonesian) is shown above the form and next to the field it
// is about (logic.ts problemField), with the focus on that field.

import { useRef, useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { MonthField } from '../../components/MonthField';
import { ApiError } from '../../lib/api';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { createProgram, FUNDING_SOURCES, PRIORITY_CODES, type Program } from '../../lib/programsApi';
import { currentPeriod, failureText } from '../verval/logic';
import { describedBy, TextField } from './Field';
import {
  moveItem,
  parseRupiah,
  parseWhole,
  problemField,
  programInput,
  rupiahInputText,
  type FieldErrors,
  type ProgramField,
  type ProgramFormValues,
} from './logic';

/** Where the focus goes for an error of each field, in the order the form shows them. */
const FIELD_FOCUS: [ProgramField, string][] = [
  ['name', 'program-name'],
  ['funding', 'program-funding-0-source'],
  ['budget', 'program-budget'],
  ['decree', 'program-decree'],
  ['date', 'program-date-day'],
  ['period', 'program-from-month'],
  ['quota', 'program-quota'],
  ['income', 'program-income'],
  ['participation', 'program-participation'],
  ['age', 'program-age-min'],
  ['priority', 'program-priority-0-down'],
];

function initialValues(now: Date): ProgramFormValues {
  const from = currentPeriod(now);
  return {
    name: '',
    funding: [{ source: 'DBHCHT', share: '' }],
    budget: '',
    from,
    to: `${from.slice(0, 4)}-12`,
    quota: '',
    income: '',
    ageMin: '',
    ageMax: '',
    participation: '',
    withJht: false,
    decree: '',
    date: todayInJakarta(now),
    priority: [...PRIORITY_CODES],
  };
}

interface Props {
  regencyCode: string;
  onCancel: () => void;
  onCreated: (program: Program) => void;
}

export function ProgramForm({ regencyCode, onCancel, onCreated }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState<ProgramFormValues>(() => initialValues(new Date()));
  const [errors, setErrors] = useState<FieldErrors<ProgramField>>({});
  const [server, setServer] = useState<{ detail: string; field: ProgramField | null } | null>(null);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof ProgramFormValues>(key: K, value: ProgramFormValues[K]) => setValues((old) => ({ ...old, [key]: value }));
  const text = (key: 'name' | 'budget' | 'quota' | 'income' | 'ageMin' | 'ageMax' | 'decree') => (value: string) => set(key, value);
  // A figure that reads well is written back with thousands dots when the field is left.
  const tidy = (key: 'budget' | 'quota' | 'income', parse: typeof parseRupiah) => () => {
    const parsed = parse(values[key]);
    if (parsed.ok) set(key, rupiahInputText(parsed.value));
  };
  const errorOf = (field: ProgramField): string | undefined => {
    const own = errors[field];
    if (own) return t(own.key, own.params);
    return server?.field === field ? server.detail : undefined;
  };
  const focusFirst = (fields: readonly ProgramField[]) => {
    const target = FIELD_FOCUS.find(([field]) => fields.includes(field))?.[1];
    if (target) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#${target}`)?.focus(), 0);
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setServer(null);
    const checked = programInput({ ...values, date: values.decree.trim() ? values.date : '' });
    if (!checked.ok) {
      setErrors(checked.errors);
      setSummary(t('program.form.invalid'));
      focusFirst(Object.keys(checked.errors) as ProgramField[]);
      return;
    }
    setErrors({});
    setSummary('');
    setBusy(true);
    try {
      onCreated(await createProgram(regencyCode, checked.input));
    } catch (caught) {
      const detail = failureText(caught, t('state.network'));
      const field = caught instanceof ApiError && caught.status >= 400 && caught.status < 500 ? problemField(detail) : null;
      setServer({ detail, field });
      setSummary(t('program.form.refused', { detail }));
      if (field) focusFirst([field]);
    } finally {
      setBusy(false);
    }
  }

  const fundingError = errorOf('funding');
  const periodError = errorOf('period');
  const ageError = errorOf('age');
  const priorityError = errorOf('priority');
  const unused = FUNDING_SOURCES.filter((s) => !values.funding.some((row) => row.source === s));

  return (
    <form class="panel program-form" ref={formRef} onSubmit={submit} noValidate aria-labelledby="program-form-title" data-testid="program-form">
      <h2 id="program-form-title">{t('program.form.title')}</h2>
      <p class="hint">{t('program.form.intro')}</p>
      <div class="form-summary" role="alert" data-testid="program-form-summary">
        {summary}
      </div>

      <fieldset class="program-section">
        <legend>{t('program.form.basics')}</legend>
        <div class="form-grid">
          <TextField id="program-name" label={t('program.form.name')} hint={t('program.form.nameHint')} error={errorOf('name')} wide
            maxLength={200} value={values.name} onInput={text('name')} />
        </div>
      </fieldset>

      <fieldset class="program-section">
        <legend>{t('program.form.money')}</legend>
        <fieldset class="program-funding" aria-describedby={describedBy('program-funding', true, Boolean(fundingError))}>
          <legend>{t('program.form.funding')}</legend>
          <ul class="program-funding-rows">
            {values.funding.map((row, i) => (
              <li key={i} class="program-funding-row" data-testid="funding-row">
                <label class="visually-hidden" for={`program-funding-${i}-source`}>
                  {t('program.form.source', { n: i + 1 })}
                </label>
                <select
                  id={`program-funding-${i}-source`}
                  value={row.source}
                  aria-invalid={fundingError ? 'true' : undefined}
                  data-testid={`funding-source-${i}`}
                  onChange={(e) => {
                    const source = (e.currentTarget as HTMLSelectElement).value;
                    set('funding', values.funding.map((r, j) => (j === i ? { ...r, source } : r)));
                  }}
                >
                  {FUNDING_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {t(`program.source.${s}` as MessageKey)}
                    </option>
                  ))}
                </select>
                <label class="program-share" for={`program-funding-${i}-share`}>
                  <span>{t('program.form.share')}</span>
                  <input
                    id={`program-funding-${i}-share`}
                    type="text"
                    inputMode="decimal"
                    size={6}
                    placeholder={values.funding.length === 1 ? '100' : ''}
                    value={row.share}
                    aria-invalid={fundingError ? 'true' : undefined}
                    data-testid={`funding-share-${i}`}
                    onInput={(e) => {
                      const share = (e.currentTarget as HTMLInputElement).value;
                      set('funding', values.funding.map((r, j) => (j === i ? { ...r, share } : r)));
                    }}
                  />
                </label>
                {values.funding.length > 1 && (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    aria-label={t('program.form.removeSource', { source: row.source })}
                    onClick={() => set('funding', values.funding.filter((_, j) => j !== i))}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
          {unused.length > 0 && (
            <button
              type="button"
              class="button button-secondary button-small"
              data-testid="funding-add"
              onClick={() => set('funding', [...values.funding, { source: unused[0], share: '' }])}
            >
              {t('program.form.addSource')}
            </button>
          )}
          <p class="hint" id="program-funding-hint">
            {t('program.form.fundingHint')}
          </p>
          {fundingError && (
            <p class="field-error" id="program-funding-error" data-testid="program-funding-error">
              {fundingError}
            </p>
          )}
        </fieldset>
        <div class="form-grid">
          <TextField id="program-budget" label={t('program.form.budget')} hint={t('program.form.budgetHint')} error={errorOf('budget')}
            inputMode="numeric" value={values.budget} onInput={text('budget')} onBlur={tidy('budget', parseRupiah)} />
          <TextField id="program-decree" label={t('program.form.decree')} hint={t('program.form.decreeHint')} error={errorOf('decree')}
            maxLength={200} value={values.decree} onInput={text('decree')} />
          {values.decree.trim() !== '' && (
            <div class="field">
              <DateField
                id="program-date"
                legend={t('program.form.decreeDate')}
                value={values.date}
                onChange={(date) => set('date', date)}
                invalid={Boolean(errorOf('date'))}
                describedBy={errorOf('date') ? 'program-date-error' : undefined}
              />
              {errorOf('date') && (
                <p class="field-error" id="program-date-error">
                  {errorOf('date')}
                </p>
              )}
            </div>
          )}
        </div>
      </fieldset>

      <fieldset class="program-section">
        <legend>{t('program.form.period')}</legend>
        <div class="program-period">
          <MonthField
            id="program-from"
            legend={t('program.form.from')}
            value={values.from}
            onChange={(from) => set('from', from)}
            invalid={Boolean(periodError)}
            describedBy={periodError ? 'program-period-error' : undefined}
          />
          <span class="program-period-dash" aria-hidden="true">
            –
          </span>
          <MonthField
            id="program-to"
            legend={t('program.form.to')}
            value={values.to}
            onChange={(to) => set('to', to)}
            invalid={Boolean(periodError)}
            describedBy={periodError ? 'program-period-error' : undefined}
          />
        </div>
        {periodError && (
          <p class="field-error" id="program-period-error" data-testid="program-period-error">
            {periodError}
          </p>
        )}
        <div class="form-grid">
          <TextField id="program-quota" label={t('program.form.quota')} hint={t('program.form.quotaHint')} error={errorOf('quota')}
            inputMode="numeric" value={values.quota} onInput={text('quota')} onBlur={tidy('quota', parseWhole)} />
          <TextField id="program-income" label={t('program.form.income')} hint={t('program.form.incomeHint')} error={errorOf('income')}
            inputMode="numeric" placeholder="1.000.000" value={values.income} onInput={text('income')} onBlur={tidy('income', parseRupiah)} />
          <TextField id="program-participation" label={t('program.form.participation')} hint={t('program.form.participationHint')}
            error={errorOf('participation')} maxLength={4} class="program-code" value={values.participation}
            onInput={(v) => set('participation', v.toUpperCase())} />
        </div>
        <div class="program-check">
          <label>
            <input
              type="checkbox"
              checked={values.withJht}
              onChange={(e) => set('withJht', (e.currentTarget as HTMLInputElement).checked)}
              data-testid="program-jht"
            />{' '}
            {t('program.form.jht')}
          </label>
        </div>
      </fieldset>

      <fieldset class="program-section">
        <legend>{t('program.form.eligibility')}</legend>
        <div class="form-grid">
          {(['ageMin', 'ageMax'] as const).map((key) => (
            <TextField key={key} id={key === 'ageMin' ? 'program-age-min' : 'program-age-max'} label={t(key === 'ageMin' ? 'program.form.ageMin' : 'program.form.ageMax')}
              inputMode="numeric" size={4} value={values[key]} onInput={text(key)} invalid={Boolean(ageError)}
              describedBy={describedBy('program-age', true, Boolean(ageError))} />
          ))}
          <div class="field-wide">
            <p class="hint" id="program-age-hint">
              {t('program.form.ageHint')}
            </p>
            {ageError && (
              <p class="field-error" id="program-age-error" data-testid="program-age-error">
                {ageError}
              </p>
            )}
          </div>
        </div>
        <div class="program-priority" role="group" aria-labelledby="program-priority-label">
          <p id="program-priority-label" class="program-priority-label">
            {t('program.form.priority')}
          </p>
          <p class="hint">{t('program.form.priorityHint')}</p>
          <ol data-testid="priority-list">
            {values.priority.map((code, i) => {
              const rule = t(`program.priority.${code}` as MessageKey);
              const move = (delta: number) => {
                set('priority', moveItem(values.priority, i, delta));
                // The focus follows the moved rule: the same arrow, or the other one at an end.
                const last = values.priority.length - 1;
                const target = Math.min(last, Math.max(0, i + delta));
                const atEnd = delta < 0 ? target === 0 : target === last;
                const direction = (delta < 0) !== atEnd ? 'up' : 'down';
                setTimeout(() => document.getElementById(`program-priority-${target}-${direction}`)?.focus(), 0);
              };
              return (
                <li key={code} data-code={code} data-testid="priority-item">
                  <span class="program-priority-rule">{rule}</span>
                  <span class="program-priority-moves">
                    <button
                      type="button"
                      id={`program-priority-${i}-up`}
                      class="button button-secondary button-small"
                      aria-label={t('program.form.up', { rule })}
                      disabled={i === 0}
                      onClick={() => move(-1)}
                    >
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      id={`program-priority-${i}-down`}
                      class="button button-secondary button-small"
                      aria-label={t('program.form.down', { rule })}
                      disabled={i === values.priority.length - 1}
                      onClick={() => move(1)}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          {priorityError && <p class="field-error">{priorityError}</p>}
        </div>
      </fieldset>

      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="program-save">
          {busy ? t('program.form.saving') : t('program.form.save')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t('program.form.cancel')}
        </button>
      </div>
    </form>
  );
}
