// The month-to-month history of settled lists: persons on each settled month's list, and the
// flows between months (added; removed by reason: died, duplicate, wage-earning member, age,
// domicile...), as charts and as a table with the same numbers and the berita acara of each.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { EChart } from '../../components/EChart';
import { Panel } from '../../components/Panel';
import { ErrorState, Loading } from '../../components/State';
import { flowBars, PALETTE, verticalBars } from '../../lib/charts';
import { formatDateTime, formatMonth, formatNumber } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getVervalHistory, minutesUrl, type SettledMonth } from '../../lib/vervalApi';
import { latestVersions, reasonKey, removalReasons } from './logic';

type Load = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; months: SettledMonth[] };

// Colours of the removal reasons (contrast against white >= 3:1 for graphics); added is green.
const REASON_COLORS: Record<string, string> = {
  died: '#4b5868',
  duplicate: '#c0562b',
  member_wage: '#1f5f9e',
  member_other: '#7fa7cf',
  other_regency: '#8a5a00',
  age: '#6a3d9a',
  domicile: '#a12622',
  removed: '#8592a1',
};
const ADDED_COLOR = '#2e7d32';

export function HistoryView({ regencyCode, onOpenMonth }: { regencyCode: string; onOpenMonth: (period: string) => void }) {
  const { lang, t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    getVervalHistory(regencyCode, controller.signal)
      .then((items) => setLoad({ state: 'ready', months: latestVersions(items) }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'error', error });
      });
    return () => controller.abort();
  }, [regencyCode, attempt]);

  const months = load.state === 'ready' ? load.months : [];
  const reasons = useMemo(() => removalReasons(months), [months]);
  const labels = useMemo(() => months.map((m) => formatMonth(m.period, lang)), [months, lang]);
  const reasonLabel = (r: string) => {
    const key = reasonKey(r);
    return key ? t(key) : r;
  };
  const unit = t('verval.history.unit');
  const personsChart = useMemo(
    () => verticalBars(months.map((m, i) => ({ name: labels[i], value: m.persons })), lang, unit),
    [months, labels, lang, unit],
  );
  const flowChart = useMemo(
    () =>
      flowBars(
        labels,
        [
          { name: t('verval.flow.added'), values: months.map((m) => m.counts.added ?? 0), color: ADDED_COLOR },
          ...reasons.map((r) => ({
            // A legend entry stands alone beside "Masuk": "Meninggal", not "meninggal".
            name: sentenceCase(reasonLabel(r)),
            values: months.map((m) => m.counts.removed?.[r] ?? 0),
            color: REASON_COLORS[r] ?? PALETTE.muted,
            out: true,
          })),
        ],
        lang,
        unit,
      ),
    [months, labels, reasons, lang, unit, t],
  );
  const n = (v: number) => formatNumber(v, lang);

  return (
    <section class="verval-view" aria-labelledby="verval-view-title" data-testid="history-view">
      <h2 id="verval-view-title" class="visually-hidden" tabIndex={-1}>
        {t('verval.tab.history')}
      </h2>
      {load.state === 'loading' && <Loading />}
      {load.state === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((x) => x + 1)} />}
      {load.state === 'ready' && months.length === 0 && (
        <p class="verval-empty" data-testid="history-empty">
          {t('verval.history.none')}
        </p>
      )}
      {load.state === 'ready' && months.length > 0 && (
        <>
          <div class="panels">
            <Panel id="persons" title={t('verval.history.persons')} note={t('verval.history.personsNote')}>
              <EChart option={personsChart} height={260} label={t('chart.label', { title: t('verval.history.persons') })} testId="persons-chart" />
            </Panel>
            <Panel id="flows" title={t('verval.history.flows')} note={t('verval.history.flowsNote')}>
              <EChart option={flowChart} height={260} label={t('chart.label', { title: t('verval.history.flows') })} testId="flows-chart" />
            </Panel>
          </div>
          <div class="table-scroll verval-panel">
            <table class="data-table verval-history-table" data-testid="history-table">
              <caption>{t('verval.history.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verval.history.month')}</th>
                  <th scope="col" class="num">{t('verval.flow.start')}</th>
                  <th scope="col" class="num">{t('verval.flow.added')}</th>
                  {reasons.map((r) => (
                    <th scope="col" class="num" key={r}>
                      {t('verval.flow.removedBy', { reason: reasonLabel(r) })}
                    </th>
                  ))}
                  <th scope="col" class="num">{t('verval.history.persons')}</th>
                  <th scope="col">{t('verval.history.settled')}</th>
                  <th scope="col">{t('verval.history.minutes')}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m, i) => (
                  <tr key={m.period} data-testid="history-row" data-period={m.period} data-persons={m.persons}>
                    <th scope="row">
                      <button type="button" class="link-button" onClick={() => onOpenMonth(m.period)}>
                        {labels[i]}
                      </button>
                    </th>
                    <td class="num">{n(m.counts.start ?? 0)}</td>
                    <td class="num">{n(m.counts.added ?? 0)}</td>
                    {reasons.map((r) => (
                      <td class="num" key={r}>
                        {n(m.counts.removed?.[r] ?? 0)}
                      </td>
                    ))}
                    <td class="num">{n(m.persons)}</td>
                    <td class="verval-settled-cell">
                      {formatDateTime(m.settled_at, lang)} <span class="muted">· {m.actor}</span>
                      {m.version > 1 && <span class="muted"> · {t('verval.history.version', { version: n(m.version) })}</span>}
                    </td>
                    <td>
                      <a href={minutesUrl(regencyCode, m.period)} download>
                        {t('verval.history.pdf')}
                        <span class="visually-hidden"> {labels[i]}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** "meninggal" -> "Meninggal"; "NIK ganda" stays. */
function sentenceCase(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
