// A program's money by month (GET …/budget-months): what is committed each month (the
// contributions of the workers covered or approved for enrolment then), what was billed, and
// what remains of the current budget, as a chart and a table with the same numbers. Billed
// amounts exist only once bills do: until then the page says so rather than drawing a zero line
// as if nothing had been billed. A server without the endpoint yet (404) gets a plain sentence.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { EChart } from '../../components/EChart';
import { ErrorState, Loading } from '../../components/State';
import { ApiError } from '../../lib/api';
import { moneyChart, PALETTE, type MoneySeries } from '../../lib/charts';
import { formatMonth, formatNumber, formatRupiah } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getBudgetMonths, type BudgetMonths as Months } from '../../lib/programsApi';

type Load =
  | { state: 'loading' }
  | { state: 'unavailable' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; data: Months };

const COMMITTED_COLOR = PALETTE.primary;
const BILLED_COLOR = '#8a5a00';
const REMAINING_COLOR = '#2e7d32';

interface Props {
  regencyCode: string;
  programId: number;
  /** Changes when the budget changed: the months are read again. */
  version: number;
}

export function BudgetMonths({ regencyCode, programId, version }: Props) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getBudgetMonths(regencyCode, programId, controller.signal)
      .then((data) => setLoad({ state: 'ready', data }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad(error instanceof ApiError && error.status === 404 ? { state: 'unavailable' } : { state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, programId, version, attempt]);

  return (
    <section class="panel" aria-labelledby="months-title" data-testid="budget-months" data-state={load.state}>
      <header class="panel-head">
        <h2 id="months-title">{t('program.months.title')}</h2>
      </header>
      <p class="hint">{t('program.months.note')}</p>
      {load.state === 'loading' && <Loading />}
      {load.state === 'unavailable' && (
        <p class="program-unavailable" data-testid="budget-months-unavailable">
          {t('program.months.unavailable')}
        </p>
      )}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'ready' && <MonthsView data={load.data} />}
    </section>
  );
}

function MonthsView({ data }: { data: Months }) {
  const { lang, t } = useI18n();
  const labels = useMemo(() => data.months.map((m) => formatMonth(m.month, lang)), [data, lang]);
  const committedName = t('program.months.committed');
  const billedName = t('program.months.billed');
  const remainingName = t('program.months.remaining');
  const option = useMemo(() => {
    const series: MoneySeries[] = [{ name: committedName, values: data.months.map((m) => m.committed), color: COMMITTED_COLOR, type: 'bar' }];
    if (data.billed_available) series.push({ name: billedName, values: data.months.map((m) => m.billed), color: BILLED_COLOR, type: 'bar' });
    series.push({ name: remainingName, values: data.months.map((m) => m.remaining), color: REMAINING_COLOR, type: 'line' });
    return moneyChart(labels, series, lang);
  }, [data, labels, lang, committedName, billedName, remainingName]);
  const nothing = data.months.every((m) => m.committed === 0);
  const money = (v: number) => (v < 0 ? t('program.sim.short', { amount: formatRupiah(-v) }) : formatRupiah(v));

  return (
    <>
      {!data.billed_available && (
        <p class="program-unavailable" data-testid="no-bills">
          {t('program.months.noBills')}
        </p>
      )}
      {nothing && (
        <p class="hint" data-testid="nothing-committed">
          {t('program.months.nothingCommitted')}
        </p>
      )}
      {/* Beside the chart while the table has four columns; below it with the fifth (billed). */}
      <div class={`program-months${data.billed_available ? ' program-months-stacked' : ''}`}>
        <EChart option={option} height={280} label={t('chart.label', { title: t('program.months.title') })} testId="budget-chart" />
        <div class="table-scroll">
          <table class="data-table" data-testid="budget-months-table">
            <caption class="visually-hidden">{t('program.months.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('program.months.month')}</th>
                <th scope="col" class="num">
                  {t('program.months.workers')}
                </th>
                <th scope="col" class="num">
                  {committedName}
                </th>
                {data.billed_available && (
                  <th scope="col" class="num">
                    {billedName}
                  </th>
                )}
                <th scope="col" class="num">
                  {remainingName}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.months.map((m, i) => (
                <tr key={m.month} data-testid="budget-month-row" data-month={m.month}>
                  <th scope="row">{labels[i]}</th>
                  <td class="num">{formatNumber(m.workers, lang)}</td>
                  <td class="num" data-value={m.committed}>
                    {formatRupiah(m.committed)}
                  </td>
                  {data.billed_available && (
                    <td class="num" data-value={m.billed}>
                      {formatRupiah(m.billed)}
                    </td>
                  )}
                  <td class={`num${m.remaining < 0 ? ' sim-short-text' : ''}`} data-value={m.remaining}>
                    {money(m.remaining)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
