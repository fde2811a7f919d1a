// /program: the regency's programs (name, period "September 2025 – Desember 2025", funding
// sources with their shares, current budget, quota), each a link to its page; and, for those
// who may manage programs, the new-program form, which opens the new program's page once saved.

import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { listPrograms, type Program } from '../../lib/programsApi';
import { navigate } from '../../lib/router';
import { bpText, periodText } from './logic';
import { ProgramForm } from './ProgramForm';
import './programs.css';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; items: Program[] };

export function ProgramsPage({ regencyCode, permissions }: { regencyCode: string; permissions: readonly string[] }) {
  const { t } = useI18n();
  const canManage = permissions.includes('manage_programs');
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    listPrograms(regencyCode, controller.signal)
      .then((items) => setLoad({ state: 'ready', items }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, attempt]);

  const open = () => {
    setCreating(true);
    setTimeout(() => document.getElementById('program-name')?.focus(), 0);
  };

  return (
    <div class="programs-page" data-testid="programs-page">
      <div class="page-head">
        <div>
          <h1>{t('program.title')}</h1>
          <p class="programs-intro">{t('program.intro')}</p>
        </div>
        {canManage && !creating && (
          <button type="button" class="button" data-testid="program-new" onClick={open}>
            {t('program.new')}
          </button>
        )}
      </div>
      {creating && (
        <ProgramForm
          regencyCode={regencyCode}
          onCancel={() => setCreating(false)}
          onCreated={(program) => navigate(`/program/${program.id}`)}
        />
      )}
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && load.items.length === 0 && !creating && (
        <p class="state" data-testid="programs-empty">
          {canManage ? t('program.noneManage') : t('program.none')}
        </p>
      )}
      {load.state === 'ready' && load.items.length > 0 && <ProgramTable items={load.items} />}
    </div>
  );
}

function ProgramTable({ items }: { items: Program[] }) {
  const { lang, t } = useI18n();
  return (
    <section class="panel" aria-labelledby="programs-caption">
      <div class="table-scroll">
        <table class="data-table programs-table" data-testid="programs-table">
          <caption id="programs-caption" class="visually-hidden">
            {t('program.list.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('program.col.name')}</th>
              <th scope="col">{t('program.col.period')}</th>
              <th scope="col">{t('program.col.funding')}</th>
              <th scope="col" class="num">
                {t('program.col.budget')}
              </th>
              <th scope="col" class="num">
                {t('program.col.quota')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => {
              const revisions = p.budget_lines.filter((l) => l.kind === 'revision').length;
              return (
                <tr key={p.id} data-testid="program-row" data-id={p.id}>
                  <th scope="row">
                    <a href={`/program/${p.id}`} class="program-link" data-testid="program-link">
                      {p.name}
                    </a>
                    <span class="program-sub">{t('program.fiscalYear', { year: p.fiscal_year })}</span>
                  </th>
                  <td class="nowrap" data-testid="program-period">
                    {periodText(p.period_from, p.period_to, lang)}
                  </td>
                  <td data-testid="program-funding">
                    <ul class="program-sources">
                      {p.funding.map((f) => (
                        <li key={f.source} title={f.label}>
                          <span class="program-source">{f.source}</span> {bpText(f.share_bp, lang)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td class="num" data-testid="program-budget" data-value={p.budget}>
                    {formatRupiah(p.budget)}
                    {revisions > 0 && <span class="program-sub">{t('program.revisions', { count: formatNumber(revisions, lang) })}</span>}
                  </td>
                  <td class="num" data-testid="program-quota" data-value={p.quota}>
                    {p.quota > 0 ? t('program.workers', { count: formatNumber(p.quota, lang) }) : <span class="muted">{t('program.noQuota')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
