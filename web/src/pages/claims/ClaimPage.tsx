// /klaim/{id}: one case's dossier screen (GET …/claims/{id}): who and what happened, eligible or
// not and why, the benefit's breakdown with a link from each item to its rule's explanation, the
// heirs, the dossier checklist, the workflow moves the session may make, the clock of the four
// stages and the case's history. Every change answers the whole case, which replaces the one shown.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadState } from '../../components/State';
import { getClaim, type Claim } from '../../lib/claimsApi';
import { formatDate, formatDateTime, formatNumber, formatOptionalDate, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useLoad } from '../../lib/useLoad';
import { codeKey } from '../bills/logic';
import { DocumentsPanel } from './DocumentsPanel';
import { HeirsEditor } from './HeirsEditor';
import { CLAIMS_PATH, canPrepare, isDeath, ruleHref } from './logic';
import { WorkflowPanel } from './WorkflowPanel';
import './claims.css';

interface Props {
  regencyCode: string;
  id: number;
  permissions: readonly string[];
}

export function ClaimPage({ regencyCode, id, permissions }: Props) {
  const { t } = useI18n();
  const [load, reload] = useLoad((signal) => getClaim(regencyCode, id, signal), [regencyCode, id]);
  // The case as the last change answered it (it replaces the one read).
  const [claim, setClaim] = useState<Claim | null>(null);
  useEffect(() => setClaim(load.state === 'ready' ? load.data : null), [load]);
  return (
    <div class="claims claim" data-testid="claim-page">
      <p class="back">
        <a href={CLAIMS_PATH} data-testid="claim-back">
          ← {t('claim.back')}
        </a>
      </p>
      {!claim && <LoadState load={load} onRetry={reload} />}
      {claim && <Dossier claim={claim} regencyCode={regencyCode} permissions={permissions} onChange={setClaim} />}
    </div>
  );
}

function Dossier({ claim, regencyCode, permissions, onChange }: { claim: Claim; regencyCode: string; permissions: readonly string[]; onChange: (c: Claim) => void }) {
  const { t } = useI18n();
  const kind = codeKey('claim.kind.', claim.kind);
  const prepare = canPrepare(claim.state, permissions);
  return (
    <div data-testid="claim" data-claim={claim.id} data-state={claim.state}>
      <header class="page-head">
        <h1 id="claim-title">{t('claim.title', { kind: kind ? t(kind) : claim.kind, name: claim.worker_name })}</h1>
        <StateBadge state={claim.state} label={claim.state_label} />
      </header>
      <div class="claim-top">
        <CaseHeader claim={claim} />
        <WorkflowPanel claim={claim} regencyCode={regencyCode} permissions={permissions} onChange={onChange} />
      </div>
      <Benefit claim={claim} />
      {isDeath(claim.kind, claim.outcome) ? (
        <HeirsEditor claim={claim} regencyCode={regencyCode} editable={prepare} onChange={onChange} />
      ) : (
        <section class="panel" aria-labelledby="heirs-title">
          <h2 id="heirs-title">{t('claim.heirs.title')}</h2>
          <p class="muted">{t('claim.heirs.notDeath')}</p>
        </section>
      )}
      <DocumentsPanel claim={claim} regencyCode={regencyCode} editable={prepare} onChange={onChange} />
      <Clock claim={claim} />
      <Events claim={claim} />
    </div>
  );
}

export function StateBadge({ state, label }: { state: string; label: string }) {
  const { t } = useI18n();
  const key = codeKey('claim.state.', state);
  return (
    <span class={`claims-state claims-state-${state}`} data-testid="claim-state">
      {key ? t(key) : label}
    </span>
  );
}

function Row({ label, children, testid }: { label: string; children: ComponentChildren; testid: string }) {
  return (
    <div class="field-row">
      <dt>{label}</dt>
      <dd data-testid={testid}>{children}</dd>
    </div>
  );
}

function CaseHeader({ claim }: { claim: Claim }) {
  const { lang, t } = useI18n();
  const a = claim.assessment ?? {};
  const q = a.quote;
  const kindLong = codeKey('claim.kindLong.', claim.kind);
  const outcome = codeKey('claim.outcome.', claim.outcome);
  const source = codeKey('claim.source.', claim.source);
  const cause = codeKey('claim.cause.', claim.failure_cause);
  return (
    <section class="panel claim-header" aria-labelledby="claim-header-title">
      <h2 id="claim-header-title" class="visually-hidden">
        {t('claim.header.worker')}
      </h2>
      <dl class="claim-fields">
        <Row label={t('claim.header.worker')} testid="claim-worker">
          <a href={`/pekerja/${claim.worker_id}`}>{claim.worker_name}</a>
        </Row>
        <Row label={t('claim.header.nik')} testid="claim-nik">
          <span class="nik">{claim.nik}</span>
        </Row>
        {claim.kpj && (
          <Row label={t('claim.header.kpj')} testid="claim-kpj">
            <span class="nik">{claim.kpj}</span>
          </Row>
        )}
        <Row label={t('claim.header.kind')} testid="claim-kind">
          {kindLong ? t(kindLong) : claim.kind}
          {claim.kind === 'jkk' && outcome ? ` (${t(outcome)})` : ''}
        </Row>
        <Row label={t('claim.header.event')} testid="claim-event">
          {formatDate(claim.event_date, lang)}
        </Row>
        <Row label={t('claim.header.reported')} testid="claim-reported">
          {claim.reporter ? t('claim.header.reportedBy', { date: formatOptionalDate(claim.reported_on, lang), reporter: claim.reporter }) : formatOptionalDate(claim.reported_on, lang)}
          {' · '}
          {t('claim.header.source')}: {source ? t(source) : claim.source}
        </Row>
        {a.member_since && (
          <Row label={t('claim.header.membership')} testid="claim-membership">
            {t('claim.header.membershipText', {
              since: formatOptionalDate(a.member_since, lang),
              paid: formatNumber(a.paid_months ?? 0, lang),
              arrears: formatNumber(a.arrears_months ?? 0, lang),
            })}
          </Row>
        )}
        <Row label={t('claim.header.eligible')} testid="claim-eligible">
          <span class={claim.eligible ? 'claims-yes' : 'claims-warn'} data-value={String(claim.eligible)}>
            {claim.eligible ? t('claim.header.yes') : t('claim.header.no')}
          </span>
          {q?.reason && <span class="claim-reason" data-testid="claim-reason">{` ${q.reason}`}</span>}
        </Row>
        {claim.failure_cause && (
          <Row label={t('claim.header.cause')} testid="claim-cause">
            <span class="claims-warn">{cause ? t(cause) : claim.failure_cause}</span>
          </Row>
        )}
        {(claim.state === 'approved' || claim.state === 'paid' || claim.state === 'rejected') && (
          <Row label={t('claim.header.decision')} testid="claim-decision">
            {claim.state === 'rejected' && t('claim.header.rejected', { reason: claim.decision_reason })}
            {claim.state === 'approved' && t('claim.header.approved', { amount: formatRupiah(claim.approved_amount) })}
            {claim.state === 'paid' &&
              t('claim.header.paid', { amount: formatRupiah(claim.paid_amount), date: formatOptionalDate(claim.paid_on, lang), reference: claim.payment_reference })}
          </Row>
        )}
      </dl>
    </section>
  );
}

function Benefit({ claim }: { claim: Claim }) {
  const { lang, t } = useI18n();
  const q = claim.assessment?.quote;
  return (
    <section class="panel" aria-labelledby="benefit-title" data-testid="benefit">
      <header class="panel-head">
        <h2 id="benefit-title">{t('claim.benefit.title')}</h2>
        {q?.version_from && (
          <p class="panel-note">{t('claim.benefit.version', { date: formatOptionalDate(q.version_from, lang), reference: q.legal_reference ?? '' })}</p>
        )}
      </header>
      {!q || q.items.length === 0 ? (
        <p class="muted" data-testid="benefit-none">
          {q?.reason ?? t('claim.benefit.none')}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="data-table claim-benefit" data-testid="benefit-items">
            <caption class="visually-hidden">{t('claim.benefit.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('claim.benefit.item')}</th>
                <th scope="col" class="num">
                  {t('claim.benefit.amount')}
                </th>
                <th scope="col">{t('claim.benefit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {q.items.map((item, i) => (
                <tr key={`${item.rule}-${i}`} data-testid="benefit-item" data-rule={item.rule}>
                  <th scope="row">
                    <a href={ruleHref(item.rule, claim.event_date)} aria-label={t('claim.benefit.ruleLabel', { name: item.name })} data-testid="benefit-rule">
                      {item.name}
                    </a>
                  </th>
                  <td class="num" data-testid="benefit-amount" data-value={item.amount}>
                    {formatRupiah(item.amount)}
                  </td>
                  <td class="claim-detail" data-testid="benefit-detail">
                    {item.detail ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('claim.benefit.total')}</th>
                <td class="num" data-testid="benefit-total" data-value={q.total}>
                  {formatRupiah(q.total)}
                </td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}

function Clock({ claim }: { claim: Claim }) {
  const { lang, t } = useI18n();
  const stages = claim.clock?.stages ?? [];
  const daysText = (days: number, working: boolean) =>
    t(working ? 'claim.clock.workingDaysValue' : 'claim.clock.daysValue', { days: formatNumber(days, lang) });
  return (
    <section class="panel" aria-labelledby="clock-title" data-testid="clock" data-overdue={String(claim.clock?.overdue ?? false)}>
      <header class="panel-head">
        <h2 id="clock-title">{t('claim.clock.title')}</h2>
        <p class="panel-note">{t('claim.clock.intro')}</p>
      </header>
      {claim.clock?.days_to_payment !== undefined && (
        <p class="claim-days-to-payment" data-testid="days-to-payment" data-value={claim.clock.days_to_payment}>
          {t('claim.clock.daysToPayment', { days: formatNumber(claim.clock.days_to_payment, lang) })}
        </p>
      )}
      <ol class="claim-timeline">
        {(['detect', 'dossier', 'submit', 'pay'] as const).map((name) => {
          const s = stages.find((x) => x.stage === name);
          const status = !s ? 'waiting' : s.overdue ? 'overdue' : s.to ? 'done' : 'running';
          return (
            <li key={name} class={`claim-stage claim-stage-${status}`} data-testid="clock-stage" data-stage={name} data-status={status}>
              <p class="claim-stage-name">{t(`claim.stage.${name}`)}</p>
              {s ? (
                <>
                  <p>
                    {formatOptionalDate(s.from, lang)} – {s.to ? formatOptionalDate(s.to, lang) : t('claim.clock.running')}
                  </p>
                  <p data-testid="clock-days" data-value={s.days}>
                    <strong>{daysText(s.days, s.working_days)}</strong> / {t('claim.clock.target')} {daysText(s.target, s.working_days)}
                  </p>
                  <p class={s.overdue ? 'claims-warn' : 'claims-yes'}>{s.overdue ? t('claim.clock.overdue') : t('claim.clock.onTime')}</p>
                </>
              ) : (
                <p class="muted">{t('claim.clock.notStarted')}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Events({ claim }: { claim: Claim }) {
  const { lang, t } = useI18n();
  const stateText = (s: string) => {
    const key = codeKey('claim.state.', s);
    return key ? t(key) : s;
  };
  return (
    <section class="panel" aria-labelledby="events-title">
      <header class="panel-head">
        <h2 id="events-title">{t('claim.events.title')}</h2>
      </header>
      <div class="table-scroll">
        <table class="data-table" data-testid="events">
          <caption class="visually-hidden">{t('claim.events.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('claim.events.when')}</th>
              <th scope="col">{t('claim.events.move')}</th>
              <th scope="col">{t('claim.events.note')}</th>
              <th scope="col">{t('claim.events.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {claim.events.map((e) => (
              <tr key={e.seq} data-testid="event" data-to={e.to}>
                <td class="nowrap">{formatDateTime(e.at, lang)}</td>
                <td>{e.from ? `${stateText(e.from)} → ${stateText(e.to)}` : `${t('claim.events.opened')}: ${stateText(e.to)}`}</td>
                <td>{e.note || '–'}</td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
