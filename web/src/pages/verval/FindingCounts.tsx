// 3. The month's findings by kind and state, with how many undecided ones still keep the month
// from being settled, and for deciders a way into the review queue at each kind.

import { formatNumber } from '../../lib/format';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { FINDING_STATES, type VervalOverview } from '../../lib/vervalApi';
import { kindKey, kindRows } from './logic';

interface Props {
  overview: VervalOverview;
  canReview: boolean;
  onReview: (kind: string) => void;
}

export function FindingCounts({ overview, canReview, onReview }: Props) {
  const { lang, t } = useI18n();
  const rows = kindRows(overview.counts);
  const n = (v: number) => formatNumber(v, lang);
  return (
    <section class="verval-panel" aria-labelledby="counts-title" data-testid="finding-counts">
      <h3 id="counts-title">{t('verval.counts.title')}</h3>
      {rows.length === 0 ? (
        <p class="verval-empty">{overview.run ? t('verval.counts.none') : t('verval.counts.noRun')}</p>
      ) : (
        <>
          <p data-testid="open-blocking" data-count={overview.open_blocking}>
            {overview.open_blocking > 0
              ? t('verval.counts.blocking', { count: n(overview.open_blocking) })
              : t('verval.counts.noBlocking')}
          </p>
          <div class="table-scroll">
            <table class="data-table" data-testid="counts-table">
              <caption class="visually-hidden">{t('verval.counts.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('verval.counts.kind')}</th>
                  {FINDING_STATES.map((s) => (
                    <th key={s} scope="col" class="num">
                      {t(`verval.state.${s}` as MessageKey)}
                    </th>
                  ))}
                  <th scope="col" class="num">
                    {t('table.total')}
                  </th>
                  {canReview && (
                    <th scope="col">
                      <span class="visually-hidden">{t('verval.counts.review')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const key = kindKey(row.kind);
                  return (
                    <tr key={row.kind} data-testid="count-row" data-kind={row.kind} data-open={row.counts.open}>
                      <th scope="row">
                        {key ? t(key) : row.kind}
                        {!row.blocking && <span class="verval-tag">{t('verval.counts.info')}</span>}
                      </th>
                      {FINDING_STATES.map((s) => (
                        <td key={s} class="num" data-state={s}>
                          {n(row.counts[s])}
                        </td>
                      ))}
                      <td class="num">{n(row.total)}</td>
                      {canReview && (
                        <td>
                          {row.counts.open > 0 && (
                            <button type="button" class="button button-small button-secondary" onClick={() => onReview(row.kind)}>
                              {t('verval.counts.review')}
                              <span class="visually-hidden"> {key ? t(key) : row.kind}</span>
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
