// The audit trail (/audit, view_audit): filters by user, record type and id, action and date
// range (in the URL), newest entries first, "Muat lebih banyak" pages backwards with the
// server's next_before. Before/after values are shown field by field.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { Changes } from '../components/Changes';
import { ErrorState, Loading } from '../components/State';
import { AUDIT_FILTER_KEYS, auditQueryFromSearch, listAudit, type AuditEntry, type AuditQuery } from '../lib/api';
import { formatDateTime, formatNumber } from '../lib/format';
import { dictionaries, useI18n, type MessageKey } from '../lib/i18n';
import { buildQuery, navigate, useLocation } from '../lib/router';
import { actionLabel } from './worker/logic';

const ACTIONS = [
  'create', 'update', 'delete', 'import', 'decision', 'export', 'unmask', 'sign_in', 'sign_in_failed',
  'sign_out', 'password_change', 'token_issue', 'token_revoke',
];

// The server filters the audit by days in WIB (services::AuditView); formatDateTime shows times
// in WIB too, so an entry appears under the day it is listed on.

// Record types the server audits today (AuditEvent::By calls in src/services).
const RECORD_TYPES = ['worker', 'user', 'import', 'import_template', 'api_token'];

function recordTypeLabel(type: string, t: (key: MessageKey) => string): string {
  const key = `record.${type}` as MessageKey;
  return key in dictionaries.id ? t(key) : type;
}

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; items: AuditEntry[]; next: number | null; more: 'idle' | 'loading' | 'error' };

export function AuditPage({ regencyCode }: { regencyCode: string }) {
  const { lang, t } = useI18n();
  const location = useLocation();
  const query = useMemo(() => auditQueryFromSearch(location.search), [location.search]);
  const [form, setForm] = useState<AuditQuery>(query);
  useEffect(() => setForm(query), [query]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    listAudit(query, null, controller.signal)
      .then((page) => setLoad({ state: 'ready', items: page.items, next: page.next_before, more: 'idle' }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [query, attempt]);

  async function more() {
    if (load.state !== 'ready' || load.next === null) return;
    setLoad({ ...load, more: 'loading' });
    try {
      const page = await listAudit(query, load.next);
      setLoad({ state: 'ready', items: [...load.items, ...page.items], next: page.next_before, more: 'idle' });
    } catch {
      setLoad({ ...load, more: 'error' });
    }
  }

  const input = (key: keyof AuditQuery, label: MessageKey, type = 'text') => (
    <div class="field">
      <label for={`audit-${key}`}>{t(label)}</label>
      <input
        id={`audit-${key}`}
        type={type}
        value={form[key]}
        data-testid={`audit-${key}`}
        onInput={(e) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value })}
      />
    </div>
  );

  return (
    <section class="audit" aria-labelledby="audit-title" data-testid="audit">
      <div class="page-head">
        <div>
          <h1 id="audit-title">{t('audit.title')}</h1>
          <p class="as-of">{t('audit.intro')}</p>
        </div>
      </div>
      <form
        class="filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const params: Record<string, string> = {};
          for (const key of AUDIT_FILTER_KEYS) params[key] = form[key].trim();
          navigate(`/audit${buildQuery(params)}`);
        }}
      >
        {input('user', 'audit.user')}
        <div class="field">
          <label for="audit-record_type">{t('audit.recordType')}</label>
          <select
            id="audit-record_type"
            value={form.record_type}
            data-testid="audit-record_type"
            onChange={(e) => setForm({ ...form, record_type: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">{t('workers.all')}</option>
            {RECORD_TYPES.map((type) => (
              <option key={type} value={type}>
                {recordTypeLabel(type, t)}
              </option>
            ))}
            {form.record_type && !RECORD_TYPES.includes(form.record_type) && (
              <option value={form.record_type}>{form.record_type}</option>
            )}
          </select>
        </div>
        {input('record_id', 'audit.recordId')}
        <div class="field">
          <label for="audit-action">{t('audit.action')}</label>
          <select
            id="audit-action"
            value={form.action}
            data-testid="audit-action"
            onChange={(e) => setForm({ ...form, action: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">{t('workers.all')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a, t)}
              </option>
            ))}
          </select>
        </div>
        {input('from', 'audit.from', 'date')}
        {input('until', 'audit.until', 'date')}
        <div class="form-actions">
          <button type="submit" class="button" data-testid="audit-apply">
            {t('audit.apply')}
          </button>
          <a class="reset-link" href="/audit">
            {t('audit.reset')}
          </a>
        </div>
      </form>

      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && load.items.length === 0 && (
        <div class="state" data-testid="audit-empty">
          {t('audit.empty')}
        </div>
      )}
      {load.state === 'ready' && load.items.length > 0 && (
        <>
          <div class="table-scroll">
            <table class="data-table audit-table" data-testid="audit-table">
              <caption class="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.record')}</th>
                  <th scope="col">{t('audit.change')}</th>
                  <th scope="col">{t('audit.address')}</th>
                </tr>
              </thead>
              <tbody>
                {load.items.map((entry) => (
                  <tr
                    key={entry.sequence}
                    data-testid="audit-row"
                    data-sequence={entry.sequence}
                    data-action={entry.action}
                    data-record={`${entry.record_type}/${entry.record_id}`}
                  >
                    <td class="nowrap">{formatDateTime(entry.at, lang)}</td>
                    <td>{entry.actor}</td>
                    <td>{actionLabel(entry.action, t)}</td>
                    <td class="nowrap">
                      {entry.record_type === 'worker' && entry.regency_code === regencyCode && /^\d+$/.test(entry.record_id) ? (
                        <a href={`/pekerja/${entry.record_id}`}>
                          {recordTypeLabel(entry.record_type, t)} {entry.record_id}
                        </a>
                      ) : (
                        `${recordTypeLabel(entry.record_type, t)}${entry.record_id ? ` ${entry.record_id}` : ''}`
                      )}
                      {entry.regency_code && <span class="muted"> · {entry.regency_code}</span>}
                    </td>
                    <td>
                      <Changes before={entry.before} after={entry.after} />
                    </td>
                    <td class="code">{entry.remote_address}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="more" role="status" aria-live="polite">
            <span>{t('audit.count', { count: formatNumber(load.items.length, lang) })}</span>
            {load.next === null && <span> · {t('audit.end')}</span>}
            {load.more === 'error' && <span class="field-error"> · {t('state.error')}</span>}
          </div>
          {load.next !== null && (
            <button type="button" class="button" onClick={more} disabled={load.more === 'loading'} data-testid="audit-more">
              {load.more === 'loading' ? t('audit.loadingMore') : t('audit.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
