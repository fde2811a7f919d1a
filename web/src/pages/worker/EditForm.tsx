// The edit form of one worker (edit_workers): sends only the fields that changed; the server's
// validation errors (422 errors[]) are shown next to their fields, with the focus on the first,
// and the others above the form. Village and occupation are chosen from lists when they load
// (the village code stays typeable when the Kemendagri list cannot be loaded).

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, getDashboard, updateWorker, type EditableField, type FieldError, type WorkerDetail } from '../../lib/api';
import { occupationLabel, useI18n } from '../../lib/i18n';
import { loadRegencyVillages, type District } from '../import/villages';
import { changedFields, EDIT_FIELDS, firstInvalidField, initialValues, isKnownVillage, occupationChoices, splitErrors } from './logic';

export function EditForm({
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

  const occupationOptions = occupationChoices(occupations, worker);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const patch = changedFields(worker, initial, values);
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
        const first = firstInvalidField(fieldErrors);
        if (first) setTimeout(() => formRef.current?.querySelector<HTMLElement>(`#edit-${first}`)?.focus(), 0);
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

  const { byField, other: otherErrors } = splitErrors(errors);
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
          const fieldErrors = byField.get(field) ?? [];
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
            const known = isKnownVillage(districts, values.village_code);
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
