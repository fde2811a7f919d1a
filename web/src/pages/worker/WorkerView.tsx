// One worker's record as read: every field with its label, region names, status, the
// validation notes, the household (other workers with the same KK), the history of changes from
// the audit trail and the import batches that wrote the record, and the coverage history
// (CoverageHistory: programs, KPJ, start and end). "Tampilkan NIK" (unmask_nik)
// asks the server for the full NIK, which it audits; "Ubah data" (edit_workers) swaps the fields
// for the EditForm and, once saved or cancelled, puts the focus back on that button.

import { useEffect, useRef, useState } from 'preact/hooks';
import { Changes } from '../../components/Changes';
import { unmaskWorkerNik, type WorkerDetail } from '../../lib/api';
import { formatBirth, formatDateTime } from '../../lib/format';
import { occupationLabel, useI18n, type MessageKey } from '../../lib/i18n';
import { CoverageHistory } from './CoverageHistory';
import { EditForm } from './EditForm';
import { actionLabel } from './logic';

export function WorkerView({
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
  const birthLabel: MessageKey = worker.nik_masked ? 'field.birth_year' : 'field.birth_date';
  const region = [worker.village_name, worker.district_name].filter(Boolean).join(', ');
  const fields: [MessageKey, preact.ComponentChildren, string?][] = [
    ['field.nik', <span class="nik">{shownNik || '–'}</span>, 'nik'],
    ['field.kk', <span class="nik">{worker.kk || '–'}</span>],
    ['field.name', worker.name],
    ['field.name_original', worker.name_original || '–'],
    ['field.sex', t(worker.sex === 'P' ? 'sex.P' : 'sex.L')],
    ['field.birth_place', worker.birth_place || '–'],
    // A role that sees NIKs masked gets the birth year only and no age (docs/privacy.md).
    [birthLabel, formatBirth(worker.birth_date, worker.birth_year, lang)],
    ...(worker.nik_masked
      ? []
      : [['field.age', worker.age !== null && worker.age !== undefined ? t('age.years', { age: worker.age }) : '–'] as [MessageKey, string]]),
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

      <CoverageHistory regencyCode={regencyCode} workerId={worker.id} />

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
                  <th scope="col">{t(birthLabel)}</th>
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
