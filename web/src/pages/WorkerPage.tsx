// One worker (/pekerja/{id}): every field with its label, region names, status, the household
// (other workers with the same KK), the history of changes from the audit trail, the import
// batches that wrote the record and its validation notes. "Tampilkan NIK" (unmask_nik) asks the
// server for the full NIK, which it audits. The edit form (edit_workers) sends only the fields
// that changed; the server's validation errors (422 errors[]) are shown next to their fields.

import { useEffect, useRef, useState } from 'preact/hooks';
import { Changes } from '../components/Changes';
import { ErrorState, Loading } from '../components/State';
import {
  ApiError,
  getDashboard,
  getWorker,
  unmaskWorkerNik,
  updateWorker,
  type EditableField,
  type FieldError,
  type WorkerDetail,
  type WorkerPatch,
} from '../lib/api';
import { formatBirth, formatDateTime } from '../lib/format';
import { dictionaries, occupationLabel, useI18n, type MessageKey } from '../lib/i18n';
import { loadRegencyVillages, type District } from './import/villages';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: WorkerDetail };

export function WorkerPage({ regencyCode, id }: { regencyCode: string; id: number }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getWorker(regencyCode, id, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, id, attempt]);

  return (
    <section class="worker" aria-labelledby="worker-title" data-testid="worker">
      <p class="back">
        <a href="/pekerja" data-testid="back-to-list">
          <span aria-hidden="true">← </span>
          {t('worker.back')}
        </a>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' &&
        (load.error instanceof ApiError && load.error.status === 404 ? (
          <>
            <h1 id="worker-title">{t('page.notFound')}</h1>
          </>
        ) : (
          <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />
        ))}
      {load.state === 'ready' && (
        <WorkerView
          regencyCode={regencyCode}
          worker={load.data}
          onSaved={(data) => setLoad({ state: 'ready', data })}
        />
      )}
    </section>
  );
}

function WorkerView({
  regencyCode,
  worker,
  onSaved,
}: {
  regencyCode: string;
  worker: WorkerDetail;
  onSaved: (worker: WorkerDetail) => void;
}) {
  const { lang, t } = useI18n();
  const [nik, setNik] = useState<string | null>(null);
  const [unmaskError, setUnmaskError] = useState('');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    setNik(null);
    setEditing(false);
    setNotice('');
  }, [worker.id]);

  async function unmask() {
    setUnmaskError('');
    try {
      setNik(await unmaskWorkerNik(regencyCode, worker.id));
    } catch (caught) {
      setUnmaskError(t('worker.unmaskFailed', { detail: caught instanceof Error ? caught.message : String(caught) }));
    }
  }

  const shownNik = nik ?? worker.nik;
  const region = [worker.village_name, worker.district_name].filter(Boolean).join(', ');
  const fields: [MessageKey, preact.ComponentChildren, string?][] = [
    ['field.nik', <span class="nik">{shownNik || '–'}</span>, 'nik'],
    ['field.kk', <span class="nik">{worker.kk || '–'}</span>],
    ['field.name', worker.name],
    ['field.name_original', worker.name_original || '–'],
    ['field.sex', t(worker.sex === 'P' ? 'sex.P' : 'sex.L')],
    ['field.birth_place', worker.birth_place || '–'],
    ['field.birth_date', formatBirth(worker.birth_date, worker.birth_year, lang)],
    ['field.age', worker.age !== null && worker.age !== undefined ? t('age.years', { age: worker.age }) : '–'],
    ['field.address', worker.address || '–'],
    ['field.village', worker.village_name ? `${worker.village_name} (${worker.village_code})` : worker.village_code || '–'],
    ['field.district', worker.district_name ? `${worker.district_name} (${worker.district_code})` : worker.district_code || '–'],
    ['field.occupation', occupationLabel(lang, worker.occupation, worker.occupation_label || worker.occupation)],
    ['field.phone', worker.phone || '–'],
    ['field.status', <span class={`status status-${worker.status}`}>{t(`status.${worker.status}` as MessageKey)}</span>],
    ['field.source', worker.source || '–'],
    ['field.created_at', formatDateTime(worker.created_at, lang)],
    ['field.updated_at', formatDateTime(worker.updated_at, lang)],
  ];

  return (
    <>
      <div class="page-head">
        <div>
          <h1 id="worker-title" data-testid="worker-name">
            {worker.name}
          </h1>
          {region && <p class="as-of">{region}</p>}
        </div>
        <div class="actions">
          {worker.can_unmask && worker.nik_masked && nik === null && (
            <button type="button" class="button button-secondary" onClick={unmask} data-testid="unmask" aria-describedby="unmask-note">
              {t('worker.unmask')}
            </button>
          )}
          {worker.can_edit && !editing && (
            <button
              type="button"
              class="button"
              ref={editButton}
              onClick={() => {
                setNotice('');
                setEditing(true);
              }}
              data-testid="edit"
            >
              {t('worker.edit')}
            </button>
          )}
        </div>
      </div>
      {worker.can_unmask && worker.nik_masked && nik === null && (
        <p id="unmask-note" class="hint">
          {t('worker.unmaskNote')}
        </p>
      )}
      <p class="field-error" role="alert">
        {unmaskError}
      </p>
      <p class="notice" role="status" data-testid="worker-notice">
        {notice}
      </p>

      {editing ? (
        <EditForm
          regencyCode={regencyCode}
          worker={worker}
          onCancel={() => {
            setEditing(false);
            setTimeout(() => editButton.current?.focus(), 0);
          }}
          onSaved={(saved, message) => {
            setEditing(false);
            setNotice(message);
            onSaved(saved);
            setTimeout(() => editButton.current?.focus(), 0);
          }}
        />
      ) : (
        <section class="panel" aria-labelledby="identity-title">
          <h2 id="identity-title">{t('worker.identity')}</h2>
          <dl class="fields" data-testid="worker-fields">
            {fields.map(([label, value, testid]) => (
              <div class="field-row" key={label} data-field={label.replace('field.', '')}>
                <dt>{t(label)}</dt>
                <dd data-testid={testid ? `worker-${testid}` : undefined}>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {worker.issues.length > 0 && (
        <section class="panel" aria-labelledby="issues-title">
          <h2 id="issues-title">{t('worker.issues')}</h2>
          <ul class="issues" data-testid="worker-issues">
            {worker.issues.map((issue) => (
              <li key={issue.code}>
                {issue.message} <span class="code">({issue.code})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="panel" aria-labelledby="household-title">
        <h2 id="household-title">{t('worker.household')}</h2>
        {worker.household.length === 0 ? (
          <p class="muted">{t('worker.noHousehold')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table" data-testid="household">
              <thead>
                <tr>
                  <th scope="col">{t('field.name')}</th>
                  <th scope="col">{t('field.nik')}</th>
                  <th scope="col">{t('field.sex')}</th>
                  <th scope="col">{t('field.birth_date')}</th>
                </tr>
              </thead>
              <tbody>
                {worker.household.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <a href={`/pekerja/${m.id}`}>{m.name}</a>
                    </th>
                    <td class="nik">{m.nik}</td>
                    <td>{t(m.sex === 'P' ? 'sex.P' : 'sex.L')}</td>
                    <td>{formatBirth(m.birth_date, m.birth_year, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="history-title">
        <h2 id="history-title">{t('worker.history')}</h2>
        {worker.history.length === 0 ? (
          <p class="muted">{t('worker.noHistory')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table" data-testid="history">
              <thead>
                <tr>
                  <th scope="col">{t('worker.when')}</th>
                  <th scope="col">{t('worker.who')}</th>
                  <th scope="col">{t('worker.action')}</th>
                  <th scope="col">{t('worker.change')}</th>
                </tr>
              </thead>
              <tbody>
                {worker.history.map((h, index) => (
                  <tr key={`${h.at}-${index}`} data-testid="history-row">
                    <td class="nowrap">{formatDateTime(h.at, lang)}</td>
                    <td>{h.actor}</td>
                    <td>{actionLabel(h.action, t)}</td>
                    <td>
                      <Changes before={h.before} after={h.after} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="batches-title">
        <h2 id="batches-title">{t('worker.batches')}</h2>
        {worker.batches.length === 0 ? (
          <p class="muted">{t('worker.noBatches')}</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table" data-testid="batches">
              <thead>
                <tr>
                  <th scope="col">{t('worker.batchFile')}</th>
                  <th scope="col">{t('field.source')}</th>
                  <th scope="col">{t('worker.batchDate')}</th>
                </tr>
              </thead>
              <tbody>
                {worker.batches.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">{b.file_name}</th>
                    <td>{b.source}</td>
                    <td class="nowrap">{formatDateTime(b.created_at, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function actionLabel(action: string, t: (key: MessageKey) => string): string {
  const key = `action.${action}` as MessageKey;
  return key in dictionaries.id ? t(key) : action;
}

// What the edit form offers, in order; `multiline` for the address.
const EDIT_FIELDS: { field: EditableField; label: MessageKey; type?: string; multiline?: boolean; inputMode?: string; autocomplete?: string }[] = [
  { field: 'name', label: 'field.name', autocomplete: 'off' },
  { field: 'nik', label: 'field.nik', inputMode: 'numeric' },
  { field: 'kk', label: 'field.kk', inputMode: 'numeric' },
  { field: 'sex', label: 'field.sex' },
  { field: 'birth_place', label: 'field.birth_place' },
  { field: 'birth_date', label: 'field.birth_date', type: 'date' },
  { field: 'address', label: 'field.address', multiline: true },
  { field: 'village_code', label: 'field.village', inputMode: 'decimal' },
  { field: 'occupation', label: 'field.occupation' },
  { field: 'phone', label: 'field.phone', type: 'tel', inputMode: 'tel' },
];

function initialValues(worker: WorkerDetail): Record<EditableField, string> {
  return {
    nik: worker.nik ?? '',
    kk: worker.kk ?? '',
    name: worker.name ?? '',
    sex: worker.sex ?? '',
    birth_place: worker.birth_place ?? '',
    birth_date: worker.birth_date ?? '',
    address: worker.address ?? '',
    village_code: worker.village_code ?? '',
    occupation: worker.occupation ?? '',
    phone: worker.phone ?? '',
  };
}

function EditForm({
  regencyCode,
  worker,
  onCancel,
  onSaved,
}: {
  regencyCode: string;
  worker: WorkerDetail;
  onCancel: () => void;
  onSaved: (worker: WorkerDetail, message: string) => void;
}) {
  const { lang, t } = useI18n();
  const initial = initialValues(worker);
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [summary, setSummary] = useState('');
  const [busy, setBusy] = useState(false);
  const [occupations, setOccupations] = useState<{ code: string; label: string }[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const [districts, setDistricts] = useState<District[] | null>(null);

  useEffect(() => {
    // Village names for the village picker; the code stays typeable if the list cannot load.
    let live = true;
    loadRegencyVillages(regencyCode)
      .then((list) => live && setDistricts(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [regencyCode]);

  useEffect(() => {
    const controller = new AbortController();
    getDashboard(regencyCode, controller.signal)
      .then((d) => setOccupations(d.by_occupation.map((o) => ({ code: o.code, label: o.label }))))
      .catch(() => undefined);
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
    return () => controller.abort();
  }, [regencyCode]);

  const occupationOptions = [...occupations];
  if (worker.occupation && !occupationOptions.some((o) => o.code === worker.occupation)) {
    occupationOptions.unshift({ code: worker.occupation, label: worker.occupation_label || worker.occupation });
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const patch: WorkerPatch = {};
    for (const { field } of EDIT_FIELDS) {
      if (field === 'nik' && worker.nik_masked) continue; // a masked NIK is not a value to send back
      if (values[field] !== initial[field]) patch[field] = field === 'address' ? values[field] : values[field].trim();
    }
    if (Object.keys(patch).length === 0) {
      onSaved(worker, t('worker.unchanged'));
      return;
    }
    setBusy(true);
    setErrors([]);
    setSummary('');
    try {
      onSaved(await updateWorker(regencyCode, worker.id, patch), t('worker.saved'));
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422) {
        const fieldErrors = caught.problem.errors ?? [];
        setErrors(fieldErrors);
        setSummary(fieldErrors.length > 0 ? t('worker.invalid') : t('worker.saveFailed', { detail: caught.message }));
        const first = fieldErrors.find((e) => EDIT_FIELDS.some((f) => f.field === e.field));
        if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#edit-${first.field}`)?.focus(), 0);
      } else {
        setSummary(
          t('worker.saveFailed', {
            detail: caught instanceof ApiError && caught.status === 0 ? t('state.network') : caught instanceof Error ? caught.message : String(caught),
          }),
        );
      }
    } finally {
      setBusy(false);
    }
  }

  const errorsOf = (field: string) => errors.filter((e) => e.field === field);
  const otherErrors = errors.filter((e) => !EDIT_FIELDS.some((f) => f.field === e.field));
  const set = (field: EditableField) => (e: Event) =>
    setValues({ ...values, [field]: (e.currentTarget as HTMLInputElement).value });

  return (
    <form class="panel edit-form" ref={formRef} onSubmit={submit} noValidate aria-labelledby="edit-title" data-testid="edit-form">
      <h2 id="edit-title">{t('worker.editTitle', { name: worker.name })}</h2>
      <div class="form-summary" role="alert" data-testid="edit-summary">
        {summary && <p>{summary}</p>}
        {otherErrors.length > 0 && (
          <ul>
            {otherErrors.map((e) => (
              <li key={`${e.field}-${e.code}`}>{e.message}</li>
            ))}
          </ul>
        )}
      </div>
      <div class="form-grid">
        {EDIT_FIELDS.map(({ field, label, type, multiline, inputMode, autocomplete }) => {
          const fieldErrors = errorsOf(field);
          const invalid = fieldErrors.length > 0;
          const common = {
            id: `edit-${field}`,
            name: field,
            'aria-invalid': invalid ? ('true' as const) : undefined,
            'aria-describedby': invalid ? `edit-${field}-error` : undefined,
            'data-testid': `edit-${field}`,
          };
          let control;
          if (field === 'sex') {
            control = (
              <select {...common} value={values.sex} onChange={set('sex')}>
                <option value="L">{t('sex.L')}</option>
                <option value="P">{t('sex.P')}</option>
              </select>
            );
          } else if (field === 'occupation') {
            control = (
              <select {...common} value={values.occupation} onChange={set('occupation')}>
                {occupationOptions.map((o) => (
                  <option key={o.code} value={o.code}>
                    {occupationLabel(lang, o.code, o.label)}
                  </option>
                ))}
              </select>
            );
          } else if (field === 'village_code' && districts && districts.length > 0) {
            const known = districts.some((d) => d.villages.some((v) => v.code === values.village_code));
            control = (
              <select {...common} value={values.village_code} onChange={set('village_code')}>
                {!known && <option value={values.village_code}>{values.village_code || '–'}</option>}
                {districts.map((d) => (
                  <optgroup key={d.code} label={d.name}>
                    {d.villages.map((v) => (
                      <option key={v.code} value={v.code}>
                        {v.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            );
          } else if (multiline) {
            control = <textarea {...common} rows={2} value={values[field]} onInput={set(field)} />;
          } else {
            control = (
              <input
                {...common}
                type={type ?? 'text'}
                inputMode={inputMode as 'text' | undefined}
                autocomplete={autocomplete ?? 'off'}
                readOnly={field === 'nik' && worker.nik_masked}
                value={values[field]}
                onInput={set(field)}
              />
            );
          }
          return (
            <div class={`field${multiline ? ' field-wide' : ''}${invalid ? ' field-invalid' : ''}`} key={field}>
              <label for={`edit-${field}`}>{t(label)}</label>
              {control}
              {invalid && (
                <p class="field-error" id={`edit-${field}-error`} data-testid={`edit-${field}-error`}>
                  {fieldErrors.map((e) => e.message).join(' ')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="edit-save">
          {busy ? t('worker.saving') : t('worker.save')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t('worker.cancel')}
        </button>
      </div>
    </form>
  );
}
