// /program/{id}: one program, in parts reached by tabs (links): the overview
// (/program/{id}: key figures, the simulator, the budget by month, the budget lines with the PAK
// form, its terms: eligibility and priority), its enrolment (/program/{id}/kepesertaan:
// batches, approval, the BPJS file and answers), who its rules leave out
// (/program/{id}/tidak-memenuhi-syarat, view_workers), its monthly bills (/tagihan), their
// reconciliation with the BPJS invoice (/rekonsiliasi), payments and arrears (/pembayaran) and
// membership cards (/kartu, view_workers): pages/bills/. A PAK reads the program again and,
// through `version`, the simulation and the months.

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from '../../components/State';
import { ApiError } from '../../lib/api';
import { formatDateTime, formatNumber, formatRupiah } from '../../lib/format';
import { dictionaries, occupationLabel, useI18n, type MessageKey } from '../../lib/i18n';
import { getProgram, type Program } from '../../lib/programsApi';
import { routePath, type ProgramSection } from '../../lib/router';
import { BillsView } from '../bills/BillsView';
import { CardsView } from '../bills/CardsView';
import { PaymentsView } from '../bills/PaymentsView';
import { ReconciliationView } from '../bills/ReconciliationView';
import { EnrolmentView } from '../enrolment/EnrolmentView';
import { IneligibleView } from '../enrolment/IneligibleView';
import { BudgetLines } from './BudgetLines';
import { BudgetMonths } from './BudgetMonths';
import { bpText, occupationName, periodText } from './logic';
import { Simulator } from './Simulator';
import './programs.css';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; program: Program };

interface Props {
  regencyCode: string;
  id: number;
  section: ProgramSection;
  permissions: readonly string[];
}

export function ProgramPage({ regencyCode, id, section, permissions }: Props) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Bumped after a PAK: the simulation and the months are read again with the new budget.
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getProgram(regencyCode, id, controller.signal)
      .then((program) => setLoad({ state: 'ready', program }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, id, attempt]);

  const revised = useCallback((program: Program) => {
    setLoad({ state: 'ready', program });
    setVersion((n) => n + 1);
  }, []);

  return (
    <div class="program-page" data-testid="program-page" data-program={id} data-section={section}>
      <p class="back">
        <a href="/program" data-testid="back-to-programs">
          <span aria-hidden="true">← </span>
          {t('program.back')}
        </a>
      </p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' &&
        (load.error instanceof ApiError && load.error.status === 404 ? (
          <h1 data-testid="not-found">{t('page.notFound')}</h1>
        ) : (
          <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />
        ))}
      {load.state === 'ready' && (
        <>
          <ProgramHead program={load.program} section={section} permissions={permissions} />
          {section === 'overview' && (
            <ProgramView
              regencyCode={regencyCode}
              program={load.program}
              version={version}
              canManage={permissions.includes('manage_programs')}
              onRevised={revised}
            />
          )}
          {section === 'enrolment' && <EnrolmentView regencyCode={regencyCode} program={load.program} permissions={permissions} />}
          {section === 'bills' && <BillsView regencyCode={regencyCode} program={load.program} permissions={permissions} />}
          {section === 'reconciliation' && <ReconciliationView regencyCode={regencyCode} program={load.program} permissions={permissions} />}
          {section === 'payments' && <PaymentsView regencyCode={regencyCode} program={load.program} permissions={permissions} />}
          {section === 'cards' && <CardsView regencyCode={regencyCode} program={load.program} permissions={permissions} />}
          {section === 'ineligible' &&
            (permissions.includes('view_workers') ? (
              <IneligibleView regencyCode={regencyCode} programId={load.program.id} canExport={permissions.includes('export_personal_data')} />
            ) : (
              <p class="state" data-testid="forbidden">
                {t('page.forbidden')}
              </p>
            ))}
        </>
      )}
    </div>
  );
}

interface ViewProps {
  regencyCode: string;
  program: Program;
  version: number;
  canManage: boolean;
  onRevised: (program: Program) => void;
}

const SECTIONS: { section: ProgramSection; key: MessageKey; permission: string }[] = [
  { section: 'overview', key: 'enrol.tab.overview', permission: 'view_dashboard' },
  { section: 'enrolment', key: 'enrol.tab.enrolment', permission: 'view_dashboard' },
  { section: 'ineligible', key: 'enrol.tab.ineligible', permission: 'view_workers' },
  { section: 'bills', key: 'bill.tab.bills', permission: 'view_dashboard' },
  { section: 'reconciliation', key: 'bill.tab.reconciliation', permission: 'view_dashboard' },
  { section: 'payments', key: 'bill.tab.payments', permission: 'view_dashboard' },
  { section: 'cards', key: 'bill.tab.cards', permission: 'view_workers' },
];

/** The program's name, year and who recorded it, and the tabs to its parts. */
function ProgramHead({ program, section, permissions }: { program: Program; section: ProgramSection; permissions: readonly string[] }) {
  const { lang, t } = useI18n();
  return (
    <>
      <div class="page-head program-head">
        <div>
          <h1 data-testid="program-name">{program.name}</h1>
          <p class="muted">
            {t('program.fiscalYear', { year: program.fiscal_year })} · {periodText(program.period_from, program.period_to, lang)} ·{' '}
            {t('program.recorded', { when: formatDateTime(program.created_at, lang), actor: program.actor })}
          </p>
        </div>
      </div>
      <nav class="page-tabs" aria-label={t('enrol.tabs')}>
        {SECTIONS.filter((s) => permissions.includes(s.permission)).map((s) => (
          <a
            key={s.section}
            class="page-tab"
            href={routePath({ name: 'program', id: program.id, section: s.section })}
            aria-current={s.section === section ? 'page' : undefined}
            data-testid={`program-tab-${s.section}`}
          >
            {t(s.key)}
          </a>
        ))}
      </nav>
    </>
  );
}

function ProgramView({ regencyCode, program, version, canManage, onRevised }: ViewProps) {
  const { lang, t } = useI18n();
  const lines = program.budget_lines;
  const original = lines[0];
  const newest = lines[lines.length - 1];
  return (
    <>
      <div class="kpis program-kpis">
        <div class="kpi kpi-main">
          <p class="kpi-label">{t('program.kpi.budget')}</p>
          <p class="kpi-value kpi-value-small" data-testid="program-budget" data-value={program.budget}>
            {formatRupiah(program.budget)}
          </p>
          {original && newest && newest.id !== original.id ? (
            <p class="kpi-hint">{t('program.kpi.budgetRevised', { decree: newest.decree ?? '', amount: formatRupiah(original.amount) })}</p>
          ) : (
            original?.decree && <p class="kpi-hint">{original.decree}</p>
          )}
        </div>
        <div class="kpi">
          <p class="kpi-label">{t('program.kpi.period')}</p>
          <p class="kpi-value program-kpi-text" data-testid="program-period">
            {periodText(program.period_from, program.period_to, lang)}
          </p>
          <p class="kpi-hint">{t('program.kpi.months', { count: formatNumber(program.months, lang) })}</p>
        </div>
        <div class="kpi">
          <p class="kpi-label">{t('program.kpi.quota')}</p>
          <p class="kpi-value kpi-value-small" data-testid="program-quota" data-value={program.quota}>
            {program.quota > 0 ? formatNumber(program.quota, lang) : '–'}
          </p>
          <p class="kpi-hint" data-testid="program-quota-hint">
            {program.quota <= 0
              ? t('program.noQuota')
              : program.original_quota > 0 && program.original_quota !== program.quota
                ? t('program.kpi.quotaRevisedHint', { original: formatNumber(program.original_quota, lang) })
                : t('program.kpi.quotaHint')}
          </p>
        </div>
        <div class="kpi">
          <p class="kpi-label">{t('program.kpi.funding')}</p>
          <ul class="program-sources program-kpi-text" data-testid="program-funding">
            {program.funding.map((f) => (
              <li key={f.source}>
                <span class="program-source">{f.source}</span> {bpText(f.share_bp, lang)}
              </li>
            ))}
          </ul>
          <p class="kpi-hint">{program.funding.map((f) => f.label ?? f.source).join('; ')}</p>
        </div>
      </div>

      <div class="program-sections">
        <Simulator regencyCode={regencyCode} program={program} version={version} />
        <BudgetMonths regencyCode={regencyCode} programId={program.id} version={version} />
        <BudgetLines regencyCode={regencyCode} program={program} canManage={canManage} onRevised={onRevised} />
        <Terms program={program} />
      </div>
    </>
  );
}

/** The message of a priority rule's code, or null for one this UI does not know. */
function priorityKey(code: string): MessageKey | null {
  const key = `program.priority.${code}`;
  return key in dictionaries.id ? (key as MessageKey) : null;
}

function Terms({ program }: { program: Program }) {
  const { lang, t } = useI18n();
  const e = program.eligibility;
  const row = (label: string, value: string, testid?: string) => (
    <div class="field-row" data-testid={testid}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section class="panel" aria-labelledby="terms-title" data-testid="program-terms">
      <header class="panel-head">
        <h2 id="terms-title">{t('program.facts.title')}</h2>
      </header>
      <div class="program-terms-grid">
        <dl class="program-terms">
          {row(t('program.facts.fiscalYear'), String(program.fiscal_year))}
          {row(t('program.facts.participation'), program.participation_code || '–', 'term-participation')}
          {row(t('program.facts.income'), formatRupiah(program.declared_income), 'term-income')}
          {row(t('program.facts.jht'), program.with_jht ? t('program.yes') : t('program.no'))}
          {row(t('program.facts.age'), t('program.facts.ageRange', { min: e.age_min, max: e.age_max }), 'term-age')}
          {row(t('program.facts.domicile'), e.domicile_in_regency ? t('program.facts.domicileYes') : t('program.facts.domicileNo'))}
          {row(t('program.facts.wage'), e.exclude_wage_earners ? t('program.facts.wageYes') : t('program.facts.wageNo'))}
        </dl>
        <div>
          <h3 class="program-terms-sub">{t('program.facts.occupations')}</h3>
          <ul class="program-sources program-occupations" data-testid="term-occupations">
            {e.occupations.map((code) => (
              <li key={code} data-code={code}>
                {occupationLabel(lang, code, occupationName(code))}
              </li>
            ))}
          </ul>
          <h3 class="program-terms-sub">{t('program.facts.priority')}</h3>
          <ol class="program-priority-shown" data-testid="term-priority">
            {program.priority.map((code) => (
              <li key={code} data-code={code}>
                {priorityKey(code) ? t(priorityKey(code) as MessageKey) : code}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </section>
  );
}
