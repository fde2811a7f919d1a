// The regency dashboard: how many workers the regency registers, where they live, what they do,
// their sex and age. Every chart has a table with the same numbers (for screen readers, for
// copying into a report, and for the browser test that checks them against the database).

import { useEffect, useMemo, useState } from 'preact/hooks';
import { EChart } from '../components/EChart';
import { Panel } from '../components/Panel';
import { ErrorState, Loading } from '../components/State';
import { getDashboard, type Dashboard } from '../lib/api';
import { donut, horizontalBars, horizontalBarsHeight, PALETTE, verticalBars } from '../lib/charts';
import { formatDate, formatMonth, formatNumber, formatPercent, type Lang } from '../lib/format';
import { occupationLabel, useI18n, type MessageKey } from '../lib/i18n';

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; data: Dashboard };

export function DashboardPage({ regencyCode }: { regencyCode: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getDashboard(regencyCode, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, attempt]);

  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') return <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />;
  return <DashboardView data={load.data} />;
}

const SEX_KEYS: Record<string, MessageKey> = { L: 'dashboard.male', P: 'dashboard.female' };
const SEX_COLORS: Record<string, string> = { L: PALETTE.male, P: PALETTE.female };

function share(count: number, total: number): number {
  return total > 0 ? count / total : 0;
}

function DashboardView({ data }: { data: Dashboard }) {
  const { lang, t } = useI18n();
  const total = data.workers_total;
  const unit = t('chart.workers');

  const districtsByCount = useMemo(
    () => [...data.by_district].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'id')),
    [data],
  );
  const districtChart = useMemo(
    () => horizontalBars(districtsByCount.map((d) => ({ name: d.name, value: d.count })), lang, unit),
    [districtsByCount, lang, unit],
  );
  const occupations = useMemo(
    () => data.by_occupation.map((o) => ({ ...o, name: occupationLabel(lang, o.code, o.label) })),
    [data, lang],
  );
  const occupationChart = useMemo(
    () => horizontalBars(occupations.map((o) => ({ name: o.name, value: o.count })), lang, unit),
    [occupations, lang, unit],
  );
  const sexes = useMemo(
    () =>
      data.by_sex.map((s) => ({
        ...s,
        name: SEX_KEYS[s.code] ? t(SEX_KEYS[s.code]) : s.code,
        color: SEX_COLORS[s.code] ?? PALETTE.primarySoft,
      })),
    [data, t],
  );
  const sexChart = useMemo(
    () => donut(sexes.map((s) => ({ name: s.name, value: s.count, color: s.color })), lang, unit),
    [sexes, lang, unit],
  );
  const ageChart = useMemo(
    () => verticalBars(data.by_age_band.map((a) => ({ name: a.band, value: a.count })), lang, unit),
    [data, lang, unit],
  );
  const districtsWithWorkers = data.by_district.filter((d) => d.count > 0).length;

  return (
    <div class="dashboard" data-testid="dashboard" data-regency={data.regency.code}>
      <div class="page-head">
        <h1 id="page-title">{t('dashboard.title', { regency: data.regency.name })}</h1>
        <p class="as-of" data-testid="as-of">
          <time dateTime={data.as_of}>{t('dashboard.asOf', { date: formatDate(data.as_of, lang) })}</time>
        </p>
      </div>

      <div class="kpis">
        <div class="kpi kpi-main">
          <p class="kpi-label" id="kpi-total-label">
            {data.settled ? t('dashboard.persons') : t('dashboard.rows')}
          </p>
          <p class="kpi-value" data-testid="workers-total" aria-describedby="kpi-total-label">
            {formatNumber(total, lang)}
          </p>
          <p class="kpi-hint" data-testid="workers-total-source">
            {data.settled
              ? t('dashboard.personsHint', {
                  period: formatMonth(data.settled.period, lang),
                  rows: formatNumber(data.registry_rows, lang),
                })
              : t('dashboard.rowsHint')}
          </p>
        </div>
        {sexes.map((s) => (
          <div class="kpi" key={s.code}>
            <p class="kpi-label">
              <span class="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.name}
            </p>
            <p class="kpi-value kpi-value-small">{formatNumber(s.count, lang)}</p>
            <p class="kpi-hint">{formatPercent(share(s.count, total), lang)}</p>
          </div>
        ))}
        <div class="kpi">
          <p class="kpi-label">{t('dashboard.districts')}</p>
          <p class="kpi-value kpi-value-small">{formatNumber(data.by_district.length, lang)}</p>
          <p class="kpi-hint">
            {t('dashboard.districtsHint', {
              withWorkers: formatNumber(districtsWithWorkers, lang),
              all: formatNumber(data.by_district.length, lang),
            })}
          </p>
        </div>
      </div>

      <div class="panels">
        <div class="panel-column">
        <Panel id="district" title={t('dashboard.byDistrict')} note={t('dashboard.byDistrictNote')}>
          <EChart
            option={districtChart}
            height={horizontalBarsHeight(districtsByCount.length)}
            label={t('chart.label', { title: t('dashboard.byDistrict') })}
            testId="district-chart"
          />
          <DataTable caption={t('dashboard.byDistrict')} testId="district-table" total={total} lang={lang}
            headers={[t('table.code'), t('table.district'), t('table.count'), t('table.share')]}
            rows={data.by_district.map((d) => ({ key: d.code, code: d.code, name: d.name, count: d.count }))}
            rowTestId="district-row" />
        </Panel>
        </div>

        <div class="panel-column">

        <Panel id="occupation" title={t('dashboard.byOccupation')}>
          <EChart
            option={occupationChart}
            height={horizontalBarsHeight(occupations.length)}
            label={t('chart.label', { title: t('dashboard.byOccupation') })}
          />
          <DataTable caption={t('dashboard.byOccupation')} testId="occupation-table" total={total} lang={lang}
            headers={[t('table.occupation'), t('table.count'), t('table.share')]}
            rows={occupations.map((o) => ({ key: o.code, name: o.name, count: o.count }))}
            rowTestId="occupation-row" />
        </Panel>

        <Panel id="sex" title={t('dashboard.bySex')}>
          <div class="split">
            <EChart option={sexChart} height={180} label={t('chart.label', { title: t('dashboard.bySex') })} />
            <DataTable caption={t('dashboard.bySex')} testId="sex-table" total={total} lang={lang} visible
              headers={[t('table.sex'), t('table.count'), t('table.share')]}
              rows={sexes.map((s) => ({ key: s.code, name: s.name, count: s.count, color: s.color }))}
              rowTestId="sex-row" />
          </div>
        </Panel>

        <Panel id="age" title={t('dashboard.byAge')}>
          <EChart option={ageChart} height={240} label={t('chart.label', { title: t('dashboard.byAge') })} />
          <DataTable caption={t('dashboard.byAge')} testId="age-table" total={total} lang={lang}
            headers={[t('table.ageBand'), t('table.count'), t('table.share')]}
            rows={data.by_age_band.map((a) => ({ key: a.band, name: t('dashboard.ageUnit', { band: a.band }), count: a.count }))}
            rowTestId="age-row" />
        </Panel>
        </div>
      </div>
    </div>
  );
}

interface Row {
  key: string;
  code?: string;
  name: string;
  count: number;
  color?: string;
}

interface TableProps {
  caption: string;
  headers: string[];
  rows: Row[];
  total: number;
  lang: Lang;
  testId: string;
  rowTestId: string;
  /** Shown as is; otherwise folded under a "show data table" disclosure. */
  visible?: boolean;
}

function DataTable({ caption, headers, rows, total, lang, testId, rowTestId, visible }: TableProps) {
  const { t } = useI18n();
  const sum = rows.reduce((acc, r) => acc + r.count, 0);
  const table = (
    <table class="data-table" data-testid={testId}>
      <caption class={visible ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {headers.map((h, i) => (
            <th scope="col" key={h} class={i >= headers.length - 2 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={rowTestId} data-code={r.code ?? r.key}>
            {r.code !== undefined && <td class="code">{r.code}</td>}
            <th scope="row">
              {r.color && <span class="swatch" style={{ background: r.color }} aria-hidden="true" />}
              {r.name}
            </th>
            <td class="num" data-testid="count">{formatNumber(r.count, lang)}</td>
            <td class="num">{formatPercent(share(r.count, total), lang)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          {rows[0]?.code !== undefined && <td />}
          <th scope="row">{t('table.total')}</th>
          <td class="num">{formatNumber(sum, lang)}</td>
          <td class="num">{formatPercent(share(sum, total), lang)}</td>
        </tr>
      </tfoot>
    </table>
  );
  if (visible) return table;
  return (
    <details class="table-details">
      <summary>{t('table.show')}</summary>
      <div class="table-scroll">{table}</div>
    </details>
  );
}
