// /klaim: the regency's claim cases (GET …/claims, filtered by state and "terlambat saja" in the
// address: ?status=…&terlambat=1), overdue cases marked by colour and by word, and the form that
// opens a case (manage_claims; the server judges again and its refusal is shown in its words),
// the exchange with the BPJS branch (ExchangePanel) and the link to the report.

import { useState } from 'preact/hooks';
import { DateField } from '../../components/DateField';
import { LoadState } from '../../components/State';
import { emptyWorkerQuery, listWorkers, type WorkerListItem } from '../../lib/api';
import { CLAIM_STATES, listClaims, openClaim, type ClaimKind, type ClaimOutcome, type ClaimSummary } from '../../lib/claimsApi';
import { formatDate, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { todayInJakarta } from '../../lib/period';
import { buildQuery, navigate, useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { codeKey } from '../bills/logic';
import { TextField } from '../programs/Field';
import { failureText } from '../verval/logic';
import { ExchangePanel } from './ExchangePanel';
import { CLAIMS_PATH, REPORT_PATH, RULES_PATH, claimFilterOf, claimHref } from './logic';
import './claims.css';

interface Props {
  regencyCode: string;
  permissions: readonly string[];
}

export function ClaimsPage({ regencyCode, permissions }: Props) {
  const { t } = useI18n();
  const location = useLocation();
  const filter = claimFilterOf(location.search);
  // The rows say which filter they were read for: while a new filter is read, the old rows stay
  // on screen under their own filter (data-filter), never under the new one.
  const filterKey = `${filter.state}|${filter.overdue ? 1 : 0}`;
  const [load, reload] = useLoad(
    async (signal) => ({ key: filterKey, items: await listClaims(regencyCode, filter, signal) }),
    [regencyCode, filterKey],
    true,
  );
  const setFilter = (next: { state: string; overdue: boolean }) =>
    navigate(`${CLAIMS_PATH}${buildQuery({ status: next.state, terlambat: next.overdue ? 1 : '' })}`, { replace: true });
  return (
    <div class="claims" data-testid="claims-page">
      <header class="page-head">
        <h1>{t('claim.list.title')}</h1>
        <span class="claims-links">
          {permissions.includes('view_reports') && (
            <a href={REPORT_PATH} data-testid="report-link">
              {t('claim.list.reportLink')}
            </a>
          )}
          <a href={RULES_PATH} data-testid="rules-link">
            {t('claim.list.rulesLink')}
          </a>
        </span>
      </header>
      <p class="claims-intro">{t('claim.list.intro')}</p>
      <section class="panel" aria-labelledby="claims-list-title">
        <h2 id="claims-list-title" class="visually-hidden">
          {t('claim.list.cases')}
        </h2>
        <fieldset class="filters claims-filters">
          <legend>{t('claim.list.filters')}</legend>
          <div class="field">
            <label for="claim-state-filter">{t('claim.list.state')}</label>
            <select
              id="claim-state-filter"
              data-testid="claim-state-filter"
              value={filter.state}
              onChange={(e) => setFilter({ ...filter, state: (e.currentTarget as HTMLSelectElement).value })}
            >
              <option value="">{t('claim.list.stateAny')}</option>
              {CLAIM_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`claim.state.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <label class="claims-check">
            <input
              type="checkbox"
              checked={filter.overdue}
              data-testid="claim-overdue-filter"
              onChange={(e) => setFilter({ ...filter, overdue: (e.currentTarget as HTMLInputElement).checked })}
            />
            {t('claim.list.overdue')}
          </label>
        </fieldset>
        <LoadState load={load} onRetry={reload} />
        {load.state === 'ready' && <ClaimTable items={load.data.items} filterKey={load.data.key} />}
      </section>
      <ExchangePanel regencyCode={regencyCode} permissions={permissions} onImported={reload} />
      {permissions.includes('manage_claims') && <OpenClaimForm regencyCode={regencyCode} />}
    </div>
  );
}

function ClaimTable({ items, filterKey }: { items: ClaimSummary[]; filterKey: string }) {
  const { lang, t } = useI18n();
  if (items.length === 0) {
    return (
      <p class="muted" data-testid="claims-none" data-filter={filterKey}>
        {t('claim.list.none')}
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="data-table claims-table" data-testid="claim-list" data-filter={filterKey}>
        <caption>{t('claim.list.caption', { count: formatNumber(items.length, lang) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('claim.list.worker')}</th>
            <th scope="col">{t('claim.list.nik')}</th>
            <th scope="col">{t('claim.list.kind')}</th>
            <th scope="col">{t('claim.list.event')}</th>
            <th scope="col">{t('claim.list.stateCol')}</th>
            <th scope="col" class="num">
              {t('claim.list.benefit')}
            </th>
            <th scope="col">{t('claim.list.stage')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const state = codeKey('claim.state.', c.state);
            const stage = codeKey('claim.stage.', c.stage);
            const kind = codeKey('claim.kind.', c.kind);
            return (
              <tr key={c.id} class={c.overdue ? 'claims-overdue' : undefined} data-testid="claim-row" data-claim={c.id} data-state={c.state} data-overdue={String(c.overdue)}>
                <th scope="row">
                  <a href={claimHref(c.id)} aria-label={t('claim.list.open', { name: c.worker_name })} data-testid="claim-open">
                    {c.worker_name}
                  </a>
                </th>
                <td class="nik" data-testid="claim-row-nik">
                  {c.nik}
                </td>
                <td data-testid="claim-row-kind">{kind ? t(kind) : c.kind}</td>
                <td data-testid="claim-row-event">{formatDate(c.event_date, lang)}</td>
                <td>
                  <span class={`claims-state claims-state-${c.state}`} data-testid="claim-row-state">
                    {state ? t(state) : c.state_label}
                  </span>
                </td>
                <td class="num" data-testid="claim-row-benefit" data-value={c.expected_total}>
                  {formatRupiah(c.expected_total)}
                  {!c.eligible && <span class="claims-warn"> ({t('claim.list.notEligible')})</span>}
                </td>
                <td data-testid="claim-row-stage">
                  {c.stage ? t('claim.list.stageDays', { stage: stage ? t(stage) : c.stage, days: formatNumber(c.stage_days, lang) }) : '–'}
                  {c.overdue && ' '}
                  {c.overdue && <span class="claims-state claims-state-overdue">{t('claim.list.overdueMark')}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function OpenClaimForm({ regencyCode }: { regencyCode: string }) {
  const { t } = useI18n();
  const today = todayInJakarta();
  const [workerId, setWorkerId] = useState('');
  const [chosen, setChosen] = useState<WorkerListItem | null>(null);
  const [kind, setKind] = useState<ClaimKind>('jkm');
  const [outcome, setOutcome] = useState<ClaimOutcome>('death');
  const [eventDate, setEventDate] = useState(today);
  const [reporter, setReporter] = useState('');
  const [reportedOn, setReportedOn] = useState(today);
  const [branch, setBranch] = useState(false);
  const [memberSince, setMemberSince] = useState(today);
  const [paidMonths, setPaidMonths] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const id = Number(workerId.trim());
    if (!/^\d{1,15}$/.test(workerId.trim()) || id <= 0) {
      setError(t('claim.open.noWorker'));
      return;
    }
    if (branch && paidMonths.trim() !== '' && !/^\d{1,4}$/.test(paidMonths.trim())) {
      setError(t('claim.open.badMonths'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const opened = await openClaim(regencyCode, {
        worker_id: id,
        kind,
        outcome: kind === 'jkk' ? outcome : 'death',
        event_date: eventDate,
        reporter: reporter.trim() || undefined,
        reported_on: reportedOn,
        member_since: branch ? memberSince : undefined,
        paid_months: branch && paidMonths.trim() !== '' ? Number(paidMonths.trim()) : undefined,
      });
      navigate(claimHref(opened.id));
    } catch (caught) {
      setError(t('claim.open.refused', { detail: failureText(caught, t('state.network')) }));
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby="open-claim-title">
      <header class="panel-head">
        <h2 id="open-claim-title">{t('claim.open.title')}</h2>
      </header>
      <p class="hint claims-intro">{t('claim.open.intro')}</p>
      <WorkerSearch
        regencyCode={regencyCode}
        onPick={(w) => {
          setChosen(w);
          setWorkerId(String(w.id));
        }}
      />
      <form class="claims-form" onSubmit={submit} noValidate data-testid="open-claim">
        <div class="claims-form-row">
          <TextField
            id="open-worker"
            label={t('claim.open.worker')}
            hint={chosen && String(chosen.id) === workerId ? t('claim.open.chosen', { name: chosen.name }) : t('claim.open.workerHint')}
            value={workerId}
            inputMode="numeric"
            maxLength={15}
            onInput={setWorkerId}
          />
          <div class="field">
            <label for="open-kind">{t('claim.open.kind')}</label>
            <select id="open-kind" data-testid="open-kind" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as ClaimKind)}>
              <option value="jkm">{t('claim.kindLong.jkm')}</option>
              <option value="jkk">{t('claim.kindLong.jkk')}</option>
            </select>
          </div>
          {kind === 'jkk' && (
            <div class="field">
              <label for="open-outcome">{t('claim.open.outcome')}</label>
              <select id="open-outcome" data-testid="open-outcome" value={outcome} onChange={(e) => setOutcome((e.currentTarget as HTMLSelectElement).value as ClaimOutcome)}>
                {(['death', 'total_disability', 'injury'] as const).map((o) => (
                  <option key={o} value={o}>
                    {t(`claim.outcome.${o}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <DateField id="open-event" legend={t('claim.open.event')} value={eventDate} onChange={setEventDate} />
        </div>
        <div class="claims-form-row">
          <TextField id="open-reporter" label={t('claim.open.reporter')} hint={t('claim.open.reporterHint')} value={reporter} maxLength={200} onInput={setReporter} />
          <DateField id="open-reported-on" legend={t('claim.open.reportedOn')} value={reportedOn} onChange={setReportedOn} />
        </div>
        <label class="claims-check">
          <input type="checkbox" checked={branch} data-testid="open-branch" onChange={(e) => setBranch((e.currentTarget as HTMLInputElement).checked)} />
          {t('claim.open.branch')}
        </label>
        {branch && (
          <div class="claims-form-row">
            <DateField id="open-member-since" legend={t('claim.open.memberSince')} value={memberSince} onChange={setMemberSince} back={30} />
            <TextField id="open-paid-months" label={t('claim.open.paidMonths')} value={paidMonths} inputMode="numeric" maxLength={4} size={6} onInput={setPaidMonths} />
          </div>
        )}
        <div class="claims-form-row">
          <button type="submit" class="button" disabled={busy} data-testid="open-submit">
            {busy ? t('claim.open.busy') : t('claim.open.submit')}
          </button>
        </div>
        <p class="form-summary" role="alert" data-testid="open-error">
          {error}
        </p>
      </form>
    </section>
  );
}

/** Finds workers of the regency by name or NIK (GET …/workers?q=) and hands the chosen one up. */
function WorkerSearch({ regencyCode, onPick }: { regencyCode: string; onPick: (worker: WorkerListItem) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<WorkerListItem[] | null>(null);
  const [error, setError] = useState('');

  async function search(event: Event) {
    event.preventDefault();
    if (q.trim() === '') return;
    setError('');
    try {
      const list = await listWorkers(regencyCode, { ...emptyWorkerQuery(), q: q.trim(), page_size: 8 });
      setFound(list.items);
    } catch (caught) {
      setError(failureText(caught, t('state.network')));
    }
  }

  return (
    <form class="claims-search" role="search" onSubmit={search} data-testid="worker-search">
      <label for="claim-worker-q">{t('claim.open.search')}</label>
      <div class="search-row">
        <input id="claim-worker-q" type="search" value={q} data-testid="worker-search-q" onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="button button-secondary" data-testid="worker-search-submit">
          {t('claim.open.searchButton')}
        </button>
      </div>
      <p class="field-error" role="alert">
        {error}
      </p>
      {found && found.length === 0 && <p class="muted">{t('claim.open.searchNone')}</p>}
      {found && found.length > 0 && (
        <ul class="claims-found" data-testid="worker-found">
          {found.map((w) => (
            <li key={w.id}>
              <button type="button" class="button button-secondary button-small" aria-label={t('claim.open.pickLabel', { name: w.name })} data-testid="worker-pick" data-worker={w.id} onClick={() => onPick(w)}>
                {t('claim.open.pick')}
              </button>{' '}
              {w.name} <span class="nik">{w.nik}</span> <span class="muted">· {w.village_name} · #{w.id}</span>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
