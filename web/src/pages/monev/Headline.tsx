// The regency page's headline: coverage against the target, with the denominator named on the
// figure (its label, value, year and source) and how many participants the target still needs;
// beside it the participants with their change since last month and last year, the planned
// figure (the quota after any PAK), BPJS's view (in full after six paid months) and BPU coverage.

import { formatDate, formatMonth, formatNumber, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { Change, Denominator, RegencyMonev } from '../../lib/monevApi';
import { denominatorName } from './words';
import { BPJS_FULL_MONTHS, participantsToTarget, relativeChange, signedNumber, TARGETS_PATH } from './logic';

export function Headline({ data, permissions }: { data: RegencyMonev; permissions: readonly string[] }) {
  const { lang, t } = useI18n();
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  const toTarget = participantsToTarget(data);
  const target = data.target_detail;
  return (
    <section class="kpis monev-kpis" aria-label={t('monev.headline')} data-testid="monev-headline">
      <div class="kpi kpi-main monev-coverage">
        <p class="kpi-label" id="monev-coverage-label">
          {t('monev.coverage')}
        </p>
        <p class="kpi-value" data-testid="monev-coverage" data-value={data.coverage ?? ''} aria-describedby="monev-coverage-label">
          {share(data.coverage)}
        </p>
        {data.coverage !== null && data.target !== null && <TargetBar coverage={data.coverage} target={data.target} />}
        <p class="kpi-hint" data-testid="monev-target" data-value={data.target ?? ''}>
          {target
            ? t('monev.target', { value: share(target.value), where: target.region_name, year: target.year })
            : t('monev.noTarget')}
          {target?.source ? ` · ${target.source}` : ''}
        </p>
        {data.denominator ? (
          <DenominatorLine denominator={data.denominator} participants={data.participants} />
        ) : (
          <p class="kpi-hint monev-warn" data-testid="monev-no-denominator">
            {t('monev.noDenominator')}{' '}
            {permissions.includes('manage_targets') && <a href={TARGETS_PATH}>{t('monev.setDenominator')}</a>}
          </p>
        )}
        {toTarget !== null && (
          <p class="kpi-hint" data-testid="monev-to-target" data-value={toTarget}>
            {toTarget > 0 ? t('monev.toTarget', { count: formatNumber(toTarget, lang) }) : t('monev.targetMet')}
          </p>
        )}
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.participants')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-participants" data-value={data.participants}>
          {formatNumber(data.participants, lang)}
        </p>
        <ChangeLine testid="monev-change-month" label={t('monev.sinceMonth')} change={data.change.month} />
        <ChangeLine testid="monev-change-year" label={t('monev.sinceYear')} change={data.change.year} />
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.planned')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-planned-coverage" data-value={data.planned.coverage ?? ''}>
          {share(data.planned.coverage)}
        </p>
        <p class="kpi-hint" data-testid="monev-planned-quota" data-value={data.planned.quota}>
          {t('monev.plannedQuota', { quota: formatNumber(data.planned.quota, lang) })}
        </p>
      </div>
      <div class="kpi">
        <p class="kpi-label">{t('monev.bpjsView')}</p>
        <p class="kpi-value kpi-value-small" data-testid="monev-bpjs-coverage" data-value={data.bpjs_view.coverage ?? ''}>
          {share(data.bpjs_view.coverage)}
        </p>
        <p class="kpi-hint" data-testid="monev-bpjs-participants" data-value={data.bpjs_view.participants}>
          {t('monev.bpjsHint', { count: formatNumber(data.bpjs_view.participants, lang), months: BPJS_FULL_MONTHS })}
        </p>
        {data.bpu_coverage !== null && (
          <p class="kpi-hint" data-testid="monev-bpu-coverage" data-value={data.bpu_coverage}>
            {t('monev.bpu', { value: share(data.bpu_coverage) })}
          </p>
        )}
      </div>
    </section>
  );
}

/** "1.234 peserta ÷ Penduduk bekerja 9.000 (2024; BPS Sakernas Agustus 2024, 5 November 2024)". */
export function DenominatorLine({ denominator: d, participants }: { denominator: Denominator; participants?: number }) {
  const { lang, t } = useI18n();
  const source = d.source_date ? `${d.source}, ${formatDate(d.source_date, lang)}` : d.source;
  return (
    <p class="kpi-hint monev-denominator" data-testid="monev-denominator" data-name={d.name} data-value={d.value} data-year={d.year}>
      {participants !== undefined && <>{t('monev.participantsOver', { count: formatNumber(participants, lang) })} </>}
      <strong>
        {denominatorName(d, t)} {formatNumber(d.value, lang)}
      </strong>{' '}
      ({t('monev.denominatorSource', { year: d.year, source })})
    </p>
  );
}

/** Coverage as a bar against the target (decorative: the figures are written beside it). */
function TargetBar({ coverage, target }: { coverage: number; target: number }) {
  const scale = Math.max(coverage, target, 0.0001) * 1.1;
  return (
    <div class="monev-bar" aria-hidden="true">
      <span class="monev-bar-fill" style={{ width: `${Math.min((coverage / scale) * 100, 100)}%` }} />
      <span class="monev-bar-target" style={{ left: `${(target / scale) * 100}%` }} />
    </div>
  );
}

function ChangeLine({ testid, label, change }: { testid: string; label: string; change: Change | null }) {
  const { lang, t } = useI18n();
  if (!change) {
    return (
      <p class="kpi-hint" data-testid={testid}>
        {label}: {t('monev.noChange')}
      </p>
    );
  }
  const relative = relativeChange(change.delta, change.participants);
  return (
    <p class="kpi-hint" data-testid={testid} data-value={change.delta} data-period={change.period}>
      {label} ({formatMonth(change.period, lang)}): <strong class={change.delta < 0 ? 'monev-down' : undefined}>{signedNumber(change.delta, lang)}</strong>
      {relative !== null && ` (${signedShare(relative, lang)})`}
    </p>
  );
}

function signedShare(share: number, lang: 'id' | 'en'): string {
  const text = formatShare(Math.abs(share), lang);
  return share > 0 ? `+${text}` : share < 0 ? `\u2212${text}` : text;
}
