// The quarantine of one import: rows the validator refused, each with its original cells (as the
// sender wrote them) and the reasons. A row is corrected in a form prefilled from its cells; the
// server validates with the import's own rules, and either the worker joins the registry (the
// row leaves this list) or its errors appear next to the fields.

import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { ApiError } from '../../lib/api';
import { formatDate, formatNumber, type Lang } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { fieldErrorsOf, fixQuarantineRow, getQuarantine, type QuarantineRow } from '../../lib/importApi';
import { useLabels } from './labels';
import { FIX_FIELDS, fixPayload, prefillFix, type FixField, type FixValues } from './logic';
import { SeverityTag } from './PreviewStep';

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; rows: QuarantineRow[]; nextAfter: number | null; more: boolean };

interface Props {
  regencyCode: string;
  batchId: number;
  onBack: () => void;
}

export function QuarantineView({ regencyCode, batchId, onBack }: Props) {
  const { lang, t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [openRow, setOpenRow] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getQuarantine(regencyCode, batchId, undefined, controller.signal)
      .then((page) =>
        setLoad({ state: 'ready', rows: page.items, nextAfter: page.next_after, more: page.next_after !== null }),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, batchId, attempt]);

  const loadMore = () => {
    if (load.state !== 'ready' || load.nextAfter === null) return;
    setLoadingMore(true);
    getQuarantine(regencyCode, batchId, load.nextAfter)
      .then((page) =>
        setLoad({
          state: 'ready',
          rows: [...load.rows, ...page.items],
          nextAfter: page.next_after,
          more: page.next_after !== null,
        }),
      )
      .catch((error: unknown) => setLoad({ state: 'error', error }))
      .finally(() => setLoadingMore(false));
  };

  const fixed = (row: QuarantineRow, name: string, workerId: number) => {
    setAnnouncement(t('import.fix.accepted', { line: row.line, name, id: workerId }));
    setOpenRow(null);
    setLoad((current) =>
      current.state === 'ready' ? { ...current, rows: current.rows.filter((r) => r.id !== row.id) } : current,
    );
    requestAnimationFrame(() => document.getElementById('quarantine-announcement')?.focus());
  };

  const open = load.state === 'ready' ? load.rows.filter((r) => !r.resolved) : [];

  return (
    <section class="import-step" aria-labelledby="import-view-title" data-testid="quarantine" data-batch={batchId}>
      <button type="button" class="import-back" onClick={onBack}>
        ← {t('import.quarantine.back')}
      </button>
      <h2 id="import-view-title" tabIndex={-1}>
        {t('import.quarantine.title', { batch: batchId })}
      </h2>
      <p class="import-hint">{t('import.quarantine.intro')}</p>
      <div
        id="quarantine-announcement"
        class={announcement ? 'import-alert import-alert-ok' : 'visually-hidden'}
        role="status"
        tabIndex={-1}
        data-testid="fix-success"
      >
        {announcement}
      </div>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && (
        <>
          <p class="import-file-line" data-testid="quarantine-count">
            {load.more
              ? t('import.quarantine.countMore', { count: formatNumber(open.length, lang) })
              : t('import.quarantine.count', { count: formatNumber(open.length, lang) })}
          </p>
          {open.length === 0 && !load.more && (
            <div class="state" data-testid="quarantine-empty">
              {t('import.quarantine.empty')}
            </div>
          )}
          <ol class="quarantine-list">
            {open.map((row) => (
              <QuarantineItem
                key={row.id}
                row={row}
                regencyCode={regencyCode}
                expanded={openRow === row.id}
                onToggle={() => setOpenRow(openRow === row.id ? null : row.id)}
                onFixed={fixed}
              />
            ))}
          </ol>
          {load.more && (
            <button type="button" class="button button-secondary" disabled={loadingMore} onClick={loadMore}>
              {t('import.quarantine.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

interface ItemProps {
  row: QuarantineRow;
  regencyCode: string;
  expanded: boolean;
  onToggle: () => void;
  onFixed: (row: QuarantineRow, name: string, workerId: number) => void;
}

function QuarantineItem({ row, regencyCode, expanded, onToggle, onFixed }: ItemProps) {
  const { t } = useI18n();
  const labels = useLabels();
  const titleId = `q-${row.id}-title`;
  return (
    <li class="quarantine-item" data-testid="quarantine-row" data-line={row.line} data-row={row.id} aria-labelledby={titleId}>
      <div class="quarantine-head">
        <h3 id={titleId}>{t('import.quarantine.line', { line: row.line })}</h3>
        <button
          type="button"
          class="button button-small"
          aria-expanded={expanded}
          aria-controls={`q-${row.id}-form`}
          data-testid="fix-toggle"
          onClick={onToggle}
        >
          {expanded ? t('import.fix.close') : t('import.fix.open')}
        </button>
      </div>
      <ul class="quarantine-reasons" data-testid="reasons">
        {row.issues.map((issue, i) => (
          <li key={i} data-code={issue.code}>
            <SeverityTag severity={issue.severity} /> {labels.issue(issue.code, issue.message, issue.field)}
          </li>
        ))}
      </ul>
      <div class="table-scroll">
        <table class="data-table quarantine-cells" data-testid="cells">
          <caption class="visually-hidden">{t('import.quarantine.cells', { line: row.line })}</caption>
          <thead>
            <tr>
              {row.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {row.header.map((_, i) => (
                <td key={i}>{row.cells[i] ?? ''}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {expanded && <FixForm row={row} regencyCode={regencyCode} onFixed={onFixed} />}
    </li>
  );
}

const OCCUPATIONS = [
  'petani',
  'buruh_tani',
  'petani_tembakau',
  'buruh_tani_tembakau',
  'buruh_pabrik_rokok',
  'nelayan',
  'pedagang_kecil',
  'tukang_becak',
  'tukang_batu',
  'ojek',
  'lainnya',
];

function safeFormatDate(iso: string, lang: Lang): string {
  try {
    return formatDate(iso, lang);
  } catch {
    return '';
  }
}

function FixForm({
  row,
  regencyCode,
  onFixed,
}: {
  row: QuarantineRow;
  regencyCode: string;
  onFixed: (row: QuarantineRow, name: string, workerId: number) => void;
}) {
  const { lang, t } = useI18n();
  const labels = useLabels();
  const [values, setValues] = useState<FixValues>(() => prefillFix(row.header, row.cells));
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [general, setGeneral] = useState('');
  const [busy, setBusy] = useState(false);

  // The import's own reasons, shown beside their fields until the server has answered.
  const fileIssues = new Map<string, string[]>();
  for (const issue of row.issues) {
    if (!issue.field) continue;
    fileIssues.set(issue.field, [...(fileIssues.get(issue.field) ?? []), labels.issue(issue.code, issue.message)]);
  }

  const submit = (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setGeneral('');
    fixQuarantineRow(regencyCode, row.id, fixPayload(values))
      .then((result) => onFixed(row, values.name.trim(), result.worker_id))
      .catch((error: unknown) => {
        const fieldErrors = fieldErrorsOf(error);
        const byField = new Map<string, string[]>();
        const unplaced: string[] = [];
        for (const e of fieldErrors) {
          const field = (FIX_FIELDS as readonly string[]).includes(e.field) ? e.field : '';
          const message = labels.issue(e.code, e.message);
          if (field) byField.set(field, [...(byField.get(field) ?? []), message]);
          else unplaced.push(`${e.field ? `${labels.field(e.field)}: ` : ''}${message}`);
        }
        setErrors(byField);
        if (fieldErrors.length === 0 || unplaced.length > 0) {
          const detail = unplaced.length > 0 ? unplaced.join(' ') : error instanceof ApiError ? error.message : String(error);
          setGeneral(detail);
        }
        const first = FIX_FIELDS.find((f) => byField.has(f));
        requestAnimationFrame(() =>
          document.getElementById(first ? `fix-${row.id}-${first}` : `fix-${row.id}-general`)?.focus(),
        );
      })
      .finally(() => setBusy(false));
  };

  const set = (field: FixField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
  };

  return (
    <form
      id={`q-${row.id}-form`}
      class="fix-form"
      onSubmit={submit}
      noValidate
      data-testid="fix-form"
      aria-label={t('import.fix.formLabel', { line: row.line })}
    >
      <p class="import-hint">{t('import.fix.intro')}</p>
      <div class="fix-grid">
        {FIX_FIELDS.map((field) => {
          const id = `fix-${row.id}-${field}`;
          const serverErrors = errors.get(field) ?? [];
          const original = errors.size === 0 ? (fileIssues.get(field) ?? []) : [];
          const describedBy = [
            serverErrors.length ? `${id}-error` : '',
            original.length ? `${id}-issue` : '',
            field === 'nik' || field === 'kk' ? `${id}-hint` : '',
          ]
            .filter(Boolean)
            .join(' ');
          const common = {
            id,
            name: field,
            disabled: busy,
            'aria-invalid': serverErrors.length > 0 ? true : undefined,
            'aria-describedby': describedBy || undefined,
            'data-testid': `fix-${field}`,
          } as const;
          return (
            <div class={`import-field${serverErrors.length ? ' import-field-invalid' : ''}`} key={field}>
              <label for={id}>
                {labels.field(field)}
                {(field === 'nik' || field === 'name') && <span class="import-required"> ({t('import.required')})</span>}
              </label>
              {field === 'sex' ? (
                <select {...common} value={values.sex} onChange={(e) => set('sex', (e.currentTarget as HTMLSelectElement).value)}>
                  <option value="">{t('import.fix.choose')}</option>
                  <option value="L">{t('import.sex.L')}</option>
                  <option value="P">{t('import.sex.P')}</option>
                </select>
              ) : (
                <input
                  {...common}
                  type={field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(values.birth_date) ? 'date' : 'text'}
                  inputMode={field === 'nik' || field === 'kk' || field === 'phone' ? 'numeric' : undefined}
                  list={field === 'occupation' ? `fix-${row.id}-occupations` : undefined}
                  placeholder={field === 'birth_date' ? t('import.fix.datePlaceholder') : undefined}
                  autoComplete="off"
                  value={values[field]}
                  onInput={(e) => set(field, (e.currentTarget as HTMLInputElement).value)}
                />
              )}
              {field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(values.birth_date) && (
                <p class="import-field-hint" data-testid="fix-birth-date-words">
                  {safeFormatDate(values.birth_date, lang)}
                </p>
              )}
              {(field === 'nik' || field === 'kk') && (
                <p class="import-field-hint" id={`${id}-hint`}>
                  {t('import.fix.digitsHint')}
                </p>
              )}
              {original.length > 0 && (
                <p class="import-field-issue" id={`${id}-issue`}>
                  {original.join(' ')}
                </p>
              )}
              {serverErrors.length > 0 && (
                <p class="import-field-error" id={`${id}-error`} data-testid={`fix-error-${field}`}>
                  {serverErrors.join(' ')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <datalist id={`fix-${row.id}-occupations`}>
        {OCCUPATIONS.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <div id={`fix-${row.id}-general`} tabIndex={-1} class={general ? 'import-alert import-alert-error' : ''} role="alert" data-testid="fix-general-error">
        {general}
      </div>
      <div class="import-actions">
        <button type="submit" class="button" disabled={busy} data-testid="fix-submit">
          {busy ? t('import.fix.saving') : t('import.fix.submit')}
        </button>
      </div>
    </form>
  );
}
