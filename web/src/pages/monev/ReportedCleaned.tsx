// "Angka laporan dan angka bersih": the "21 % or 27 %" question answered with numbers. The
// reported figure counts the rows the lists brought in; the cleaned one counts distinct persons
// of the settled list; both are divided by the same named denominator. The difference is split
// by cause (duplicates, enrolled by another regency, dead, ineligible, other), drawn as a bridge
// from rows to persons and written in a table whose parts add up to the difference.

import { useMemo } from 'preact/hooks';
import { ChartPanel } from '../../components/ChartPanel';
import { bridgeChart, PALETTE } from '../../lib/charts';
import { formatMonth, formatNumber, formatShare } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { regencyMonevFileUrl, type RegencyMonev } from '../../lib/monevApi';
import { bridgeAxisFrom, bridgeSteps, CAUSE_KEYS, differenceRows, downloadName, type DifferenceCause } from './logic';
import { denominatorName } from './words';

const CAUSE_COLORS: Record<DifferenceCause, string> = {
  duplicates: '#c0562b',
  other_regency: '#8a5a00',
  died: '#5b5b5b',
  ineligible: '#a12622',
  other_removed: '#7a6a9a',
};

const CAUSE_HINTS: Record<DifferenceCause, MessageKey> = {
  duplicates: 'monev.causeHint.duplicates',
  other_regency: 'monev.causeHint.other_regency',
  died: 'monev.causeHint.died',
  ineligible: 'monev.causeHint.ineligible',
  other_removed: 'monev.causeHint.other_removed',
};

export function ReportedCleaned({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const { rows: causes, total } = differenceRows(data.difference);
  const month = data.period ? formatMonth(data.period, lang) : '';
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  const d = data.denominator;
  const axisFrom = bridgeAxisFrom(data.persons, total);
  const option = useMemo(() => {
    const steps = bridgeSteps(data.rows, data.persons, data.difference);
    return bridgeChart(
      steps.map((s) => ({
        name: s.key === 'rows' ? t('monev.diff.rowsShort') : s.key === 'persons' ? t('monev.diff.personsShort') : t(CAUSE_KEYS[s.key]),
        base: s.base,
        value: s.value,
        color: s.key === 'rows' ? PALETTE.primarySoft : s.key === 'persons' ? PALETTE.primary : CAUSE_COLORS[s.key],
      })),
      lang,
      t('monev.unit.rows'),
      axisFrom,
    );
  }, [data, axisFrom, lang, t]);

  const sentence = causes
    .filter((c) => c.count > 0)
    .map((c) => `${formatNumber(c.count, lang)} ${t(CAUSE_KEYS[c.cause]).toLowerCase()}`)
    .join(', ');

  const table = (
    <table class="data-table monev-causes" data-testid="monev-causes">
      <caption>{t('monev.diff.caption', { period: month })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('monev.diff.what')}</th>
          <th scope="col" class="num">
            {t('monev.diff.count')}
          </th>
          <th scope="col" class="num">
            {t('monev.diff.partOf')}
          </th>
          {d && (
            <th scope="col" class="num">
              {t('monev.diff.points', { denominator: denominatorName(d, t) })}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        <tr class="monev-causes-total" data-testid="monev-cause" data-cause="rows" data-value={data.rows}>
          <th scope="row">{t('monev.diff.rows')}</th>
          <td class="num">{formatNumber(data.rows, lang)}</td>
          <td class="num" />
          {d && <td class="num">{share(data.reported_coverage)}</td>}
        </tr>
        {causes.map((c) => (
          <tr key={c.cause} data-testid="monev-cause" data-cause={c.cause} data-value={c.count}>
            <th scope="row">
              <span class="swatch" style={{ background: CAUSE_COLORS[c.cause] }} aria-hidden="true" />
              {t(CAUSE_KEYS[c.cause])}
              <span class="hint monev-cause-hint">{t(CAUSE_HINTS[c.cause])}</span>
            </th>
            <td class="num" data-testid="monev-cause-count">
              {c.count > 0 ? `\u2212${formatNumber(c.count, lang)}` : formatNumber(0, lang)}
            </td>
            <td class="num">{total > 0 ? formatShare(c.share, lang) : '–'}</td>
            {d && <td class="num">{c.count > 0 ? `\u2212${formatShare(c.count / d.value, lang)}` : '–'}</td>}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="monev-cause" data-cause="persons" data-value={data.persons}>
          <th scope="row">{t('monev.diff.persons')}</th>
          <td class="num">{formatNumber(data.persons, lang)}</td>
          <td class="num" data-testid="monev-difference-total" data-value={total}>
            {t('monev.diff.totalOff', { count: formatNumber(total, lang) })}
          </td>
          {d && <td class="num">{share(data.cleaned_coverage)}</td>}
        </tr>
      </tfoot>
    </table>
  );

  return (
    <ChartPanel
      id="monev-difference"
      title={t('monev.diff.title')}
      option={option}
      height={300}
      fileName={downloadName(['monev', data.regency.code, data.period, 'baris-orang'], 'png')}
      imageNote={`${data.regency.name} · ${month}`}
      xlsxHref={regencyMonevFileUrl(data.regency.code, 'xlsx', data.period ?? '')}
      table={table}
      tableOpen
    >
      <p class="monev-intro">{d ? t('monev.diff.intro', { period: month, denominator: `${denominatorName(d, t)} ${formatNumber(d.value, lang)} (${d.year})` }) : t('monev.diff.introNoDenominator', { period: month })}</p>
      <div class="monev-versus">
        <div class="monev-figure monev-figure-reported" data-testid="monev-reported">
          <p class="monev-figure-label">{t('monev.diff.reported')}</p>
          <p class="monev-figure-value" data-testid="monev-reported-coverage" data-value={data.reported_coverage ?? ''}>
            {d ? share(data.reported_coverage) : formatNumber(data.rows, lang)}
          </p>
          <p class="hint" data-testid="monev-rows" data-value={data.rows}>
            {t('monev.diff.rowsCount', { count: formatNumber(data.rows, lang) })}
          </p>
        </div>
        <p class="monev-versus-arrow" aria-hidden="true">
          →
        </p>
        <div class="monev-figure monev-figure-cleaned" data-testid="monev-cleaned">
          <p class="monev-figure-label">{t('monev.diff.cleaned')}</p>
          <p class="monev-figure-value" data-testid="monev-cleaned-coverage" data-value={data.cleaned_coverage ?? ''}>
            {d ? share(data.cleaned_coverage) : formatNumber(data.persons, lang)}
          </p>
          <p class="hint" data-testid="monev-persons" data-value={data.persons}>
            {t('monev.diff.personsCount', { count: formatNumber(data.persons, lang) })}
          </p>
        </div>
        <p class="monev-versus-arrow" aria-hidden="true">
          →
        </p>
        <div class="monev-figure" data-testid="monev-covered">
          <p class="monev-figure-label">{t('monev.diff.covered')}</p>
          <p class="monev-figure-value" data-value={data.coverage ?? ''}>
            {d ? share(data.coverage) : formatNumber(data.participants, lang)}
          </p>
          <p class="hint">{t('monev.diff.participantsCount', { count: formatNumber(data.participants, lang) })}</p>
        </div>
      </div>
      <p class="monev-because" data-testid="monev-because">
        {total > 0 ? t('monev.diff.because', { count: formatNumber(total, lang), causes: sentence }) : t('monev.diff.noDifference')}
      </p>
      {axisFrom > 0 && <p class="hint">{t('monev.diff.axisFrom', { from: formatNumber(axisFrom, lang) })}</p>}
    </ChartPanel>
  );
}
