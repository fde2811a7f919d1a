// Step 2: what the file holds before anything is written. File-level problems first (a whole
// NIK column rounded by Excel cannot be repaired here: the sender must send the file again with
// the column as text), then the dry-run counts, the column mapping (file header -> jaring field,
// required fields marked, re-parsed on request, optionally saved as this source's template),
// the issues grouped by reason, and the first rows as parsed with their problem cells marked.
// Commit asks for confirmation with the counts.

import type { RefObject } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { formatDate, formatNumber, type Lang } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { commitImport, setImportMapping, type ImportJob, type MappingColumn } from '../../lib/importApi';
import { CountTiles } from './ImportWizard';
import { useLabels } from './labels';
import { assignField, checkMapping, columnLetter, exampleLines, issueSeverityByField, newCount, rowSeverity } from './logic';

interface Props {
  regencyCode: string;
  job: ImportJob;
  onJob: (job: ImportJob) => void;
  onDiscard: () => void;
  titleRef: RefObject<HTMLHeadingElement>;
}

export function PreviewStep({ regencyCode, job, onJob, onDiscard, titleRef }: Props) {
  const { lang, t } = useI18n();
  const labels = useLabels();
  const serverColumns = job.mapping?.columns ?? [];
  const fields = job.mapping?.fields ?? [];
  const [columns, setColumns] = useState<MappingColumn[]>(serverColumns);
  const [saveTemplate, setSaveTemplate] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');

  // A re-parsed job brings the server's view of the mapping.
  useEffect(() => setColumns(job.mapping?.columns ?? []), [job]);

  const check = useMemo(() => checkMapping(columns, fields), [columns, fields]);
  const dirty = columns.some((c, i) => c.field !== serverColumns[i]?.field);
  const serverCheck = useMemo(() => checkMapping(serverColumns, fields), [serverColumns, fields]);
  const counts = job.counts ?? { read: 0, accepted: 0, quarantined: 0, updated: 0, unchanged: 0 };
  const canCommit = !dirty && serverCheck.missingRequired.length === 0 && counts.read > 0 && !job.error;

  const fieldLabel = (field: string) => labels.field(field, fields.find((f) => f.field === field)?.label);

  const reparse = () => {
    setBusy(true);
    setActionError('');
    setImportMapping(
      regencyCode,
      job.id,
      columns.map((c) => ({ index: c.index, field: c.field })),
      saveTemplate,
    )
      .then(onJob)
      .catch((error: unknown) => setActionError(error instanceof Error ? error.message : String(error)))
      .finally(() => setBusy(false));
  };

  const commit = () => {
    setBusy(true);
    setActionError('');
    commitImport(regencyCode, job.id)
      .then(onJob)
      .catch((error: unknown) => {
        setConfirming(false);
        setActionError(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setBusy(false));
  };

  const previewRows = job.preview?.rows ?? [];
  const shownFields = fields.map((f) => f.field).filter((f) => serverColumns.some((c) => c.field === f));

  return (
    <section class="import-step" aria-labelledby="import-view-title" data-testid="preview-step">
      <h2 id="import-view-title" ref={titleRef} tabIndex={-1}>
        {t('import.step.preview')}
      </h2>
      <p class="import-file-line">
        {t('import.fileFrom', { file: job.file_name, source: job.source })} ·{' '}
        {t('import.preview.rowsRead', { count: formatNumber(counts.read, lang) })}
      </p>

      {job.error && (
        <div class="import-alert import-alert-error" role="alert" data-testid="job-error" data-code={job.error.code}>
          <p>{job.error.detail}</p>
        </div>
      )}

      {job.file_issues.length > 0 && (
        <div class="import-alert import-alert-error import-file-issues" role="alert" data-testid="file-issues">
          <h3>{t('import.fileIssues.title')}</h3>
          <ul>
            {job.file_issues.map((issue) => (
              <li key={issue.code} data-code={issue.code} data-testid="file-issue">
                <strong>{labels.issue(issue.code, issue.message)}</strong>
              </li>
            ))}
          </ul>
          <p>{t('import.fileIssues.advice')}</p>
        </div>
      )}

      <h3 class="import-subtitle">{t('import.preview.countsTitle')}</h3>
      <p class="import-hint">{t('import.preview.countsHint')}</p>
      <CountTiles counts={counts} testid="dry-run-counts" />

      <section class="import-section" aria-labelledby="mapping-title">
        <h3 id="mapping-title" class="import-subtitle">
          {t('import.mapping.title')}
        </h3>
        <p class="import-hint">
          {job.mapping?.from_template ? t('import.mapping.fromTemplate', { source: job.source }) : t('import.mapping.detected')}
        </p>
        {check.missingRequired.length > 0 && (
          <div class="import-alert import-alert-error" role="alert" data-testid="missing-required">
            <p>
              {t('import.mapping.missing', { fields: check.missingRequired.map(fieldLabel).join(', ') })}
            </p>
          </div>
        )}
        {check.duplicated.length > 0 && (
          <div class="import-alert import-alert-warning" role="status" data-testid="duplicated-fields">
            <p>
              {t('import.mapping.duplicated', { fields: check.duplicated.map((d) => fieldLabel(d.field)).join(', ') })}
            </p>
          </div>
        )}
        <div class="table-scroll">
          <table class="data-table import-mapping" data-testid="mapping-table">
            <caption class="visually-hidden">{t('import.mapping.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.mapping.column')}</th>
                <th scope="col">{t('import.mapping.header')}</th>
                <th scope="col">{t('import.mapping.field')}</th>
                <th scope="col">{t('import.mapping.state')}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((column) => {
                const selectId = `map-${column.index}`;
                const duplicate = check.duplicated.some((d) => d.field === column.field);
                return (
                  <tr key={column.index} data-testid="mapping-row" data-header={column.header} data-field={column.field ?? ''}>
                    <td class="code">{columnLetter(column.index)}</td>
                    <th scope="row">
                      <label for={selectId}>{column.header || t('import.mapping.noHeader')}</label>
                    </th>
                    <td>
                      <select
                        id={selectId}
                        value={column.field ?? ''}
                        disabled={busy}
                        onChange={(e) => {
                          const value = (e.currentTarget as HTMLSelectElement).value;
                          setColumns((cs) => assignField(cs, column.index, value === '' ? null : value));
                        }}
                      >
                        <option value="">{t('import.mapping.none')}</option>
                        {fields.map((f) => (
                          <option key={f.field} value={f.field}>
                            {fieldLabel(f.field)}
                            {f.required ? ` (${t('import.required')})` : ''}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {column.field === null ? (
                        <span class="import-tag import-tag-muted">{t('import.mapping.unmapped')}</span>
                      ) : duplicate ? (
                        <span class="import-tag import-tag-warning">{t('import.mapping.twice')}</span>
                      ) : fields.find((f) => f.field === column.field)?.required ? (
                        <span class="import-tag import-tag-ok">{t('import.mapping.requiredOk')}</span>
                      ) : (
                        <span class="import-tag import-tag-ok">{t('import.mapping.ok')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {fields.filter((f) => !columns.some((c) => c.field === f.field)).length > 0 && (
          <p class="import-hint" data-testid="unmapped-fields">
            {t('import.mapping.fieldsWithoutColumn', {
              fields: fields
                .filter((f) => !columns.some((c) => c.field === f.field))
                .map((f) => fieldLabel(f.field) + (f.required ? ` (${t('import.required')})` : ''))
                .join(', '),
            })}
          </p>
        )}
        <div class="import-mapping-actions">
          <label class="import-check">
            <input
              type="checkbox"
              checked={saveTemplate}
              data-testid="save-template"
              onChange={(e) => setSaveTemplate((e.currentTarget as HTMLInputElement).checked)}
            />
            {t('import.mapping.saveTemplate')}
          </label>
          <button
            type="button"
            class="button button-secondary"
            disabled={busy || (!dirty && !saveTemplate) || check.missingRequired.length > 0}
            data-testid="reparse"
            onClick={reparse}
          >
            {t('import.mapping.apply')}
          </button>
          {dirty && <span class="import-hint">{t('import.mapping.dirty')}</span>}
        </div>
      </section>

      <section class="import-section" aria-labelledby="issues-title">
        <h3 id="issues-title" class="import-subtitle">
          {t('import.issues.title')}
        </h3>
        {job.issues.length === 0 ? (
          <p class="import-alert import-alert-ok" data-testid="no-issues">
            {t('import.issues.none')}
          </p>
        ) : (
          <div class="table-scroll">
            <table class="data-table import-issue-groups" data-testid="issue-groups">
              <caption class="visually-hidden">{t('import.issues.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.issues.reason')}</th>
                  <th scope="col">{t('import.issues.kind')}</th>
                  <th scope="col" class="num">
                    {t('import.issues.count')}
                  </th>
                  <th scope="col">{t('import.issues.lines')}</th>
                </tr>
              </thead>
              <tbody>
                {[...job.issues]
                  .sort((a, b) => (a.severity === b.severity ? b.count - a.count : a.severity === 'error' ? -1 : 1))
                  .map((group) => (
                    <tr key={group.code} data-testid="issue-group" data-code={group.code}>
                      <th scope="row">
                        <span data-testid="issue-message">{labels.issue(group.code, group.message)}</span>
                        {(group.examples ?? []).length > 0 && (
                          <span class="import-issue-examples" data-testid="issue-examples">
                            {t('import.issues.examples', {
                              list: (group.examples ?? [])
                                .map((e) => t('import.issues.example', { value: e.value, line: e.line }))
                                .join('; '),
                            })}
                          </span>
                        )}
                      </th>
                      <td>
                        <SeverityTag severity={group.severity} />
                      </td>
                      <td class="num" data-testid="issue-count">
                        {formatNumber(group.count, lang)}
                      </td>
                      <td class="import-issue-lines" data-testid="issue-lines">
                        {exampleLines(group.lines, group.count)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="import-section" aria-labelledby="rows-title">
        <h3 id="rows-title" class="import-subtitle">
          {t('import.rows.title', { count: formatNumber(previewRows.length, lang) })}
        </h3>
        <p class="import-hint">{t('import.rows.hint')}</p>
        <div class="table-scroll">
          <table class="data-table import-rows" data-testid="preview-rows">
            <caption class="visually-hidden">{t('import.rows.title', { count: previewRows.length })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('import.rows.line')}
                </th>
                {shownFields.map((f) => (
                  <th scope="col" key={f}>
                    {fieldLabel(f)}
                  </th>
                ))}
                <th scope="col">{t('import.rows.issues')}</th>
              </tr>
            </thead>
            <tbody>
              {previewRows.map((row) => {
                const byField = issueSeverityByField(row);
                const severity = rowSeverity(row);
                return (
                  <tr
                    key={row.line}
                    class={severity ? `import-row-${severity}` : undefined}
                    data-testid="preview-row"
                    data-line={row.line}
                    data-severity={severity ?? 'ok'}
                  >
                    <th scope="row" class="num">
                      {row.line}
                    </th>
                    {shownFields.map((f) => {
                      const cellSeverity = byField.get(f);
                      return (
                        <td key={f} class={cellSeverity ? `import-cell-${cellSeverity}` : undefined} data-field={f}>
                          {displayValue(f, row.values[f] ?? '', lang)}
                          {cellSeverity && (
                            <span class="visually-hidden">
                              {' '}
                              ({cellSeverity === 'error' ? t('import.severity.error') : t('import.severity.warning')})
                            </span>
                          )}
                        </td>
                      );
                    })}
                    <td class="import-row-issues" data-testid="row-issues">
                      {row.issues.length === 0 ? (
                        <span class="import-tag import-tag-ok">{t('import.rows.ok')}</span>
                      ) : (
                        <ul>
                          {row.issues.map((issue, i) => (
                            <li key={i} data-code={issue.code} class={`import-issue-${issue.severity}`}>
                              <SeverityTag severity={issue.severity} /> {labels.issue(issue.code, issue.message, issue.field)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {actionError && (
        <div class="import-alert import-alert-error" role="alert" data-testid="action-error">
          <p>{actionError}</p>
        </div>
      )}

      {confirming ? (
        <div class="import-confirm" role="group" aria-labelledby="confirm-title" data-testid="confirm">
          <h3 id="confirm-title">{t('import.confirm.title')}</h3>
          <ul>
            <li>{t('import.confirm.new', { count: formatNumber(newCount(counts), lang) })}</li>
            <li>{t('import.confirm.updated', { count: formatNumber(counts.updated, lang) })}</li>
            <li>{t('import.confirm.unchanged', { count: formatNumber(counts.unchanged, lang) })}</li>
            <li>{t('import.confirm.quarantined', { count: formatNumber(counts.quarantined, lang) })}</li>
          </ul>
          <p class="import-hint">{t('import.confirm.audit')}</p>
          <div class="import-actions">
            <button type="button" class="button" disabled={busy} data-testid="confirm-commit" onClick={commit}>
              {t('import.confirm.yes')}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              {t('import.confirm.no')}
            </button>
          </div>
        </div>
      ) : (
        <div class="import-actions">
          <button
            type="button"
            class="button"
            disabled={!canCommit || busy}
            aria-describedby={!canCommit ? 'commit-blocked' : undefined}
            data-testid="commit"
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('[data-testid=confirm-commit]')?.focus());
            }}
          >
            {t('import.commit')}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} data-testid="discard" onClick={onDiscard}>
            {t('import.discard')}
          </button>
          {!canCommit && (
            <p class="import-hint" id="commit-blocked">
              {dirty
                ? t('import.commit.blockedDirty')
                : job.error
                  ? job.error.detail
                  : serverCheck.missingRequired.length > 0
                  ? t('import.commit.blockedMissing')
                  : t('import.commit.blockedEmpty')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

export function SeverityTag({ severity }: { severity: 'error' | 'warning' }) {
  const { t } = useI18n();
  return severity === 'error' ? (
    <span class="import-tag import-tag-error">{t('import.severity.error')}</span>
  ) : (
    <span class="import-tag import-tag-warning">{t('import.severity.warning')}</span>
  );
}


/** Parsed dates as people write them ("17 Agustus 1980"); anything else as the server sent it. */
function displayValue(field: string, value: string, lang: Lang): string {
  if (field === 'birth_date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      return formatDate(value, lang);
    } catch {
      return value;
    }
  }
  return value;
}
