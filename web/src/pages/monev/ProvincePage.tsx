// /monev/provinsi: the regencies of a province ranked on coverage, actual beside planned, each
// with its own denominator and target (GET /api/v1/provinces/{code}/coverage?period=). Only the
// regencies the session may see are listed (the server filters); a regency with figures links to
// its own monev page when the session may open it. Then the overlap between regencies: pairs of
// regencies with the persons both list (counts only), the total, and the province's coverage
// before and after removing it. The month is ?period= (default: the newest month any listed
// regency has settled; each regency shows its newest settled month on or before it).

import { useMemo } from 'preact/hooks';
import { ChartPanel, TableScroll } from '../../components/ChartPanel';
import { Panel } from '../../components/Panel';
import { LoadState } from '../../components/State';
import type { Regency } from '../../lib/api';
import { horizontalBarsHeight, PALETTE, shareBars } from '../../lib/charts';
import { formatDate, formatMonth, formatNumber, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getProvinceMonev, provinceMonevXlsxUrl, type ProvinceMonev, type RegencyRow } from '../../lib/monevApi';
import { useLocation } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { DenominatorLine } from './Headline';
import { downloadName, monevStateFromSearch, overlapRows, regencyHref } from './logic';
import { MonevHead, MonevMonth } from './MonevHead';
import { denominatorName } from './words';
import './monev.css';

interface Props {
  provinceCode: string;
  /** The regencies the header offers (those the session may open). */
  regencies: readonly Regency[];
  permissions: readonly string[];
}

export function ProvincePage({ provinceCode, regencies, permissions }: Props) {
  const { lang, t } = useI18n();
  const { period } = monevStateFromSearch(useLocation().search);
  const [load, reload] = useLoad((signal) => getProvinceMonev(provinceCode, period, signal), [provinceCode, period], true);
  const data = load.state === 'ready' ? load.data : null;
  return (
    <div class="monev" data-testid="monev-province" data-period={data?.period ?? ''} data-province={provinceCode}>
      <MonevHead title={data ? t('monev.province.title', { province: data.province.name }) : t('monev.titlePlain')} tab="province" permissions={permissions}>
        {data && <p class="muted">{t('monev.province.month', { period: formatMonth(data.period, lang) })}</p>}
      </MonevHead>
      <LoadState load={load} onRetry={reload} />
      {data && (
        <>
          <div class="monev-toolbar">
            <MonevMonth period={data.period} />
            <nav class="monev-downloads" aria-label={t('monev.downloads')}>
              <a class="button button-secondary" href={provinceMonevXlsxUrl(provinceCode, data.period)} download data-testid="monev-province-xlsx">
                {t('monev.xlsx')}
              </a>
            </nav>
          </div>
          <ProvinceHeadline data={data} />
          <Ranking data={data} openable={new Set(regencies.map((r) => r.code))} />
          <Overlap data={data} />
        </>
      )}
    </div>
  );
}

function ProvinceHeadline({ data }: { data: ProvinceMonev }) {
  const { lang, t } = useI18n();
  const o = data.overlap;
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  return (
    <section class="kpis monev-kpis" aria-label={t('monev.headline')} data-testid="monev-province-headline">
      <div class="kpi kpi-main">
        <p class="kpi-label">{t('monev.province.coverage')}</p>
        <p class="kpi-value" data-testid="monev-province-coverage" data-value={o.coverage ?? ''}>
          {share(o.coverage)}
        </p>
        <p class="kpi-hint" data-testid="monev-province-target" data-value={data.target?.value ?? ''}>
          {data.target ? t('monev.target', { value: share(data.target.value), where: data.target.region_name, year: data.target.year }) : t('monev.noTarget')}
        </p>
        {o.denominator ? <DenominatorLine denominator={o.denominator} participants={o.participants_counted} /> : <p class="kpi-hint">{t('monev.province.noDenominator')}</p>}
        {o.denominator && o.without_denominator.length > 0 && <WithoutDenominator data={data} />}
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.participants')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-province-participants" data-value={o.participants_total}>
          {formatNumber(o.participants_total, lang)}
        </p>
        <p class="kpi-hint">{t('monev.province.persons', { count: formatNumber(o.persons_total, lang) })}</p>
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.overlap.title')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-overlap-persons" data-value={o.persons}>
          {formatNumber(o.persons, lang)}
        </p>
        <p class="kpi-hint">{t('monev.overlap.kpiHint')}</p>
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.overlap.after')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-coverage-after-overlap" data-value={o.coverage_after_overlap ?? ''}>
          {share(o.coverage_after_overlap)}
        </p>
      </div>
    </section>
  );
}

/** A province figure summed from its regencies': which regencies are not in it, and why. */
function WithoutDenominator({ data }: { data: ProvinceMonev }) {
  const { lang, t } = useI18n();
  const missing = data.overlap.without_denominator;
  const names = missing.map((code) => data.regencies.find((r) => r.code === code)?.name ?? code);
  const total = data.regencies.length;
  return (
    <div class="kpi-hint" data-testid="monev-province-without-denominator" data-count={missing.length}>
      <p>
        {t('monev.province.partialDenominator', {
          counted: formatNumber(total - missing.length, lang),
          total: formatNumber(total, lang),
          missing: formatNumber(missing.length, lang),
        })}
      </p>
      <details>
        <summary>{t('monev.province.withoutDenominatorList')}</summary>
        <p>{names.join(', ')}</p>
      </details>
    </div>
  );
}

function Ranking({ data, openable }: { data: ProvinceMonev; openable: ReadonlySet<string> }) {
  const { lang, t } = useI18n();
  const ranked = data.regencies.filter((r) => r.rank > 0 || r.planned_rank > 0);
  const without = data.regencies.filter((r) => r.rank === 0 && r.planned_rank === 0);
  const option = useMemo(
    () =>
      shareBars(
        ranked.map((r) => r.name),
        [
          { name: t('monev.province.actual'), values: ranked.map((r) => r.coverage), color: PALETTE.primary },
          { name: t('monev.province.planned'), values: ranked.map((r) => r.planned_coverage), color: PALETTE.female },
        ],
        lang,
      ),
    [ranked, lang, t],
  );
  const table = <RegencyTable rows={ranked} openable={openable} testid="monev-ranking-table" />;
  return (
    <>
      <ChartPanel
        id="monev-ranking"
        title={t('monev.province.ranking')}
        note={t('monev.province.rankingNote')}
        option={option}
        height={horizontalBarsHeight(ranked.length * 2)}
        fileName={downloadName(['monev', data.province.code, data.period, 'peringkat'], 'png')}
        imageNote={`${data.province.name} · ${formatMonth(data.period, lang)}`}
        xlsxHref={provinceMonevXlsxUrl(data.province.code, data.period)}
        table={table}
        tableOpen
      />
      {without.length > 0 && (
        <Panel id="monev-unranked" title={t('monev.province.unranked', { count: formatNumber(without.length, lang) })} note={t('monev.province.unrankedNote')}>
          <details class="table-details" data-testid="monev-unranked-details">
            <summary>{t('monev.province.showUnranked')}</summary>
            <TableScroll label={t('monev.province.unranked', { count: formatNumber(without.length, lang) })}>
              <RegencyTable rows={without} openable={openable} testid="monev-unranked-table" />
            </TableScroll>
          </details>
        </Panel>
      )}
    </>
  );
}

function RegencyTable({ rows, openable, testid }: { rows: RegencyRow[]; openable: ReadonlySet<string>; testid: string }) {
  const { lang, t } = useI18n();
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  return (
    <table class="data-table monev-regencies" data-testid={testid}>
      <caption class="visually-hidden">{t('monev.province.ranking')}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t('monev.rank')}
          </th>
          <th scope="col">{t('monev.province.regency')}</th>
          <th scope="col">{t('monev.province.shown')}</th>
          <th scope="col" class="num">
            {t('monev.trend.participants')}
          </th>
          <th scope="col">{t('monev.province.denominator')}</th>
          <th scope="col" class="num">
            {t('monev.province.actual')}
          </th>
          <th scope="col" class="num">
            {t('monev.targetName')}
          </th>
          <th scope="col" class="num">
            {t('monev.programs.quota')}
          </th>
          <th scope="col" class="num">
            {t('monev.province.planned')}
          </th>
          <th scope="col" class="num">
            {t('monev.province.plannedRank')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.code} data-testid="monev-regency" data-code={r.code} data-rank={r.rank} data-planned-rank={r.planned_rank}>
            <td class="num" data-testid="monev-regency-rank">
              {r.rank > 0 ? formatNumber(r.rank, lang) : '–'}
            </td>
            <th scope="row">
              {r.period && openable.has(r.code) ? (
                <a href={regencyHref(r.code, r.period)} data-testid="monev-regency-open">
                  {r.name}
                </a>
              ) : (
                r.name
              )}
            </th>
            <td>{r.period ? formatMonth(r.period, lang) : '–'}</td>
            <td class="num" data-testid="monev-regency-participants">
              {formatNumber(r.participants, lang)}
            </td>
            <td data-testid="monev-regency-denominator" data-name={r.denominator?.name ?? ''} data-value={r.denominator?.value ?? ''}>
              {r.denominator ? (
                <>
                  {denominatorName(r.denominator, t)} {formatNumber(r.denominator.value, lang)}
                  <span class="hint monev-source">
                    {' '}
                    ({r.denominator.year}; {r.denominator.source}
                    {r.denominator.source_date ? `, ${formatDate(r.denominator.source_date, lang)}` : ''})
                  </span>
                </>
              ) : (
                <span class="muted">{t('monev.province.noOwnDenominator')}</span>
              )}
            </td>
            <td class="num" data-testid="monev-regency-coverage">
              {share(r.coverage)}
            </td>
            <td class="num" data-testid="monev-regency-target">
              {share(r.target)}
            </td>
            <td class="num">{formatNumber(r.planned_quota, lang)}</td>
            <td class="num" data-testid="monev-regency-planned">
              {share(r.planned_coverage)}
            </td>
            <td class="num">{r.planned_rank > 0 ? formatNumber(r.planned_rank, lang) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Overlap({ data }: { data: ProvinceMonev }) {
  const { lang, t } = useI18n();
  const rows = overlapRows(data);
  const o = data.overlap;
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  return (
    <Panel id="monev-overlap" title={t('monev.overlap.title')} note={t('monev.overlap.note')}>
      <p class="monev-intro" data-testid="monev-overlap-summary">
        {o.coverage === null
          ? t('monev.overlap.summaryCounts', { persons: formatNumber(o.persons, lang) })
          : t('monev.overlap.summary', { persons: formatNumber(o.persons, lang), before: share(o.coverage), after: share(o.coverage_after_overlap) })}
      </p>
      {rows.length === 0 ? (
        <p class="muted" data-testid="monev-overlap-none">
          {t('monev.overlap.none')}
        </p>
      ) : (
        <TableScroll label={t('monev.overlap.title')}>
          <table class="data-table" data-testid="monev-overlap-table">
            <caption class="visually-hidden">{t('monev.overlap.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monev.overlap.pair')}</th>
                <th scope="col" class="num">
                  {t('monev.overlap.persons')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="monev-overlap-pair" data-a={r.a.code} data-b={r.b.code} data-value={r.persons}>
                  <th scope="row">
                    {r.a.name} · {r.b.name}
                  </th>
                  <td class="num">{formatNumber(r.persons, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('table.total')}</th>
                <td class="num" data-testid="monev-overlap-total">
                  {formatNumber(o.persons, lang)}
                </td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </Panel>
  );
}
