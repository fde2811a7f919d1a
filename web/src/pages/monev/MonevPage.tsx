// /monev: a regency's monitoring page for a monev meeting (GET …/coverage?period=, docs/monev.md).
// The month is the address's ?period= (default: the newest settled month); the page reads one
// answer and shows, in the order a meeting asks: coverage against the target with its named
// denominator; why the lists' rows and the verified persons differ (the "21 % or 27 %"
// question); the open problems; the trend by month; the districts ranked, one district's villages
// (?kecamatan=) and the gaps; programs and funding sources, planned beside actual; claims;
// budget and arrears. With no settled month it says so and points to Verval. Downloads: the
// monev report as PDF and the tables as .xlsx (written by the server), each chart as PNG.

import { LoadState } from '../../components/State';
import { formatDateTime, formatMonth } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getRegencyMonev, regencyMonevFileUrl, type RegencyMonev } from '../../lib/monevApi';
import { useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { currentPeriod } from '../verval/logic';
import { ClaimsBudget } from './ClaimsBudget';
import { DistrictsPanel, GapsPanel } from './DistrictsPanel';
import { Headline } from './Headline';
import { monevStateFromSearch, shownMonth } from './logic';
import { MonevHead, MonevMonth } from './MonevHead';
import { OpenProblems } from './OpenProblems';
import { ProgramsPanel } from './ProgramsPanel';
import { ReportedCleaned } from './ReportedCleaned';
import { TrendPanel } from './TrendPanel';
import './monev.css';

interface Props {
  regencyCode: string;
  permissions: readonly string[];
}

export function MonevPage({ regencyCode, permissions }: Props) {
  const { t } = useI18n();
  const location = useLocation();
  const state = monevStateFromSearch(location.search);
  const [load, reload] = useLoad((signal) => getRegencyMonev(regencyCode, state.period, signal), [regencyCode, state.period], true);
  const data = load.state === 'ready' ? load.data : null;
  const title = data ? t('monev.title', { regency: data.regency.name }) : t('monev.titlePlain');
  return (
    <div class="monev" data-testid="monev-page" data-period={data?.period ?? ''} data-regency={regencyCode}>
      <MonevHead title={title} tab="regency" permissions={permissions}>
        {data && <SettledLine data={data} />}
      </MonevHead>
      <LoadState load={load} onRetry={reload} />
      {data && (
        <>
          <Toolbar data={data} regencyCode={regencyCode} />
          {data.period ? <MonthView data={data} regencyCode={regencyCode} permissions={permissions} district={state.district} /> : <NoSettledMonth data={data} />}
        </>
      )}
    </div>
  );
}

/** The month shown and when it was settled, under the title. */
function SettledLine({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  if (!data.period) return null;
  return (
    <p class="muted" data-testid="monev-settled">
      {t('monev.settled', {
        period: formatMonth(data.period, lang),
        version: data.version,
        when: data.settled_at ? formatDateTime(data.settled_at, lang) : '–',
      })}
    </p>
  );
}

function Toolbar({ data, regencyCode }: { data: RegencyMonev; regencyCode: string }) {
  const { lang, t } = useI18n();
  const picked = data.period ?? (data.period_requested || currentPeriod());
  const shown = shownMonth(data);
  const month = data.period ?? '';
  return (
    <div class="monev-toolbar">
      <MonevMonth period={shown === 'older' ? data.period_requested : picked} />
      {data.period && (
        <nav class="monev-downloads" aria-label={t('monev.downloads')}>
          <a class="button" href={regencyMonevFileUrl(regencyCode, 'pdf', month)} download data-testid="monev-pdf">
            {t('monev.pdf')}
          </a>
          <a class="button button-secondary" href={regencyMonevFileUrl(regencyCode, 'xlsx', month)} download data-testid="monev-xlsx">
            {t('monev.xlsx')}
          </a>
        </nav>
      )}
      {shown === 'older' && data.period && (
        <p class="monev-note" role="status" data-testid="monev-older">
          {t('monev.older', { asked: formatMonth(data.period_requested, lang), shown: formatMonth(data.period, lang) })}
        </p>
      )}
    </div>
  );
}

/** No month settled on or before the one asked: the figures would count rows, so none are shown. */
function NoSettledMonth({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const asked = data.period_requested;
  return (
    <section class="state monev-none" data-testid="monev-none" aria-labelledby="monev-none-title">
      <h2 id="monev-none-title" class="state-title monev-none-title">
        {asked ? t('monev.none.month', { period: formatMonth(asked, lang) }) : t('monev.none.any')}
      </h2>
      <p>{t('monev.none.why')}</p>
      <a class="button" href={asked ? `/verval?periode=${asked}` : '/verval'} data-testid="monev-to-verval">
        {t('monev.none.verval')}
      </a>
    </section>
  );
}

function MonthView({ data, regencyCode, permissions, district }: { data: RegencyMonev; regencyCode: string; permissions: readonly string[]; district: string }) {
  return (
    <>
      <Headline data={data} permissions={permissions} />
      <ReportedCleaned data={data} />
      <OpenProblems data={data} />
      <div class="monev-grid">
        <TrendPanel data={data} />
        <div class="panel-column">
          <ProgramsPanel data={data} />
        </div>
      </div>
      <DistrictsPanel data={data} regencyCode={regencyCode} district={district} />
      <div class="monev-grid">
        <GapsPanel data={data} />
        <div class="panel-column">
          <ClaimsBudget data={data} />
        </div>
      </div>
    </>
  );
}
