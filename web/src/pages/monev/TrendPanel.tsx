// The trend by settled month: coverage as a line against the dashed target (or, without a
// denominator, persons and participants as bars), and the table of every settled month with its
// rows, persons, participants and coverage; a month's name opens that month.

import { useMemo } from 'preact/hooks';
import { ChartPanel } from '../../components/ChartPanel';
import { countTrend, coverageTrend, PALETTE } from '../../lib/charts';
import { formatMonth, formatNumber, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { regencyMonevFileUrl, type RegencyMonev } from '../../lib/monevApi';
import { downloadName, monevSearch } from './logic';

export function TrendPanel({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const months = data.trend;
  const withCoverage = months.some((m) => m.coverage !== null);
  const option = useMemo(() => {
    const categories = months.map((m) => formatMonth(m.period, lang));
    if (withCoverage) {
      return coverageTrend(
        categories,
        { name: t('monev.coverage'), values: months.map((m) => m.coverage) },
        data.target !== null ? { name: t('monev.targetName'), value: data.target } : null,
        lang,
      );
    }
    return countTrend(
      categories,
      [
        { name: t('monev.trend.persons'), values: months.map((m) => m.persons), color: PALETTE.primarySoft },
        { name: t('monev.trend.participants'), values: months.map((m) => m.participants), color: PALETTE.primary },
      ],
      lang,
      t('monev.unit.persons'),
    );
  }, [months, withCoverage, data.target, lang, t]);

  const table = (
    <table class="data-table" data-testid="monev-trend-table">
      <caption>{t('monev.trend.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('monev.trend.month')}</th>
          <th scope="col" class="num">
            {t('monev.trend.rows')}
          </th>
          <th scope="col" class="num">
            {t('monev.trend.persons')}
          </th>
          <th scope="col" class="num">
            {t('monev.trend.participants')}
          </th>
          <th scope="col" class="num">
            {t('monev.coverage')}
          </th>
        </tr>
      </thead>
      <tbody>
        {months.map((m) => (
          <tr key={m.period} data-testid="monev-trend-row" data-period={m.period} aria-current={m.period === data.period ? 'true' : undefined}>
            <th scope="row">
              <a href={`${window.location.pathname}${monevSearch(window.location.search, { period: m.period, district: '' })}`}>{formatMonth(m.period, lang)}</a>
            </th>
            <td class="num">{formatNumber(m.rows, lang)}</td>
            <td class="num">{formatNumber(m.persons, lang)}</td>
            <td class="num" data-testid="monev-trend-participants">
              {formatNumber(m.participants, lang)}
            </td>
            <td class="num" data-testid="monev-trend-coverage">
              {m.coverage === null ? '–' : formatShare(m.coverage, lang)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartPanel
      id="monev-trend"
      title={t('monev.trend.title')}
      note={withCoverage ? t('monev.trend.note') : t('monev.trend.noteCounts')}
      option={option}
      height={260}
      fileName={downloadName(['monev', data.regency.code, data.period, 'tren'], 'png')}
      imageNote={data.regency.name}
      xlsxHref={regencyMonevFileUrl(data.regency.code, 'xlsx', data.period ?? '')}
      table={table}
    />
  );
}
