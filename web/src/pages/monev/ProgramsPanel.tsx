// Participants by program (planned quota beside actual participants, BPJS's view, the funding
// sources' shares) and by funding source (a program's participants shared over its sources by
// their shares, so the parts add up), and the denominators the region has for the year.

import { TableScroll } from '../../components/ChartPanel';
import { Panel } from '../../components/Panel';
import { formatDate, formatNumber, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { RegencyMonev } from '../../lib/monevApi';
import { denominatorName } from './words';

export function ProgramsPanel({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const quota = data.programs.reduce((n, p) => n + p.quota, 0);
  const participants = data.programs.reduce((n, p) => n + p.participants, 0);
  const fundingTotal = data.funding.reduce((n, f) => n + f.participants, 0);
  const ofQuota = (n: number, q: number) => (q > 0 ? formatShare(n / q, lang) : '–');
  return (
    <>
      <Panel id="monev-programs" title={t('monev.programs.title')} note={t('monev.programs.note')}>
        {data.programs.length === 0 ? (
          <p class="muted" data-testid="monev-programs-none">
            {t('monev.programs.none')}
          </p>
        ) : (
          <TableScroll label={t('monev.programs.title')}>
            <table class="data-table monev-wrap-head" data-testid="monev-programs-table">
              <caption class="visually-hidden">{t('monev.programs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monev.programs.program')}</th>
                  <th scope="col" class="num">
                    {t('monev.programs.quota')}
                  </th>
                  <th scope="col" class="num">
                    {t('monev.trend.participants')}
                  </th>
                  <th scope="col" class="num">
                    {t('monev.programs.ofQuota')}
                  </th>
                  <th scope="col" class="num">
                    {t('monev.bpjsView')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.programs.map((p) => (
                  <tr key={p.id} data-testid="monev-program" data-program={p.id}>
                    <th scope="row" class="monev-program-name">
                      <a href={`/program/${p.id}`}>{p.name || `#${p.id}`}</a>
                      <span class="hint monev-cause-hint">
                        {t('monev.programs.funding')}: {p.funding.map((f) => `${f.source} ${formatShare(f.share_bp / 10000, lang)}`).join(', ')}
                      </span>
                    </th>
                    <td class="num" data-testid="monev-program-quota">
                      {formatNumber(p.quota, lang)}
                    </td>
                    <td class="num" data-testid="monev-program-participants">
                      {formatNumber(p.participants, lang)}
                    </td>
                    <td class="num">{ofQuota(p.participants, p.quota)}</td>
                    <td class="num">{formatNumber(p.weighted_participants, lang)}</td>
                  </tr>
                ))}
              </tbody>
              {data.programs.length > 1 && (
                <tfoot>
                  <tr>
                    <th scope="row">{t('table.total')}</th>
                    <td class="num">{formatNumber(quota, lang)}</td>
                    <td class="num">{formatNumber(participants, lang)}</td>
                    <td class="num">{ofQuota(participants, quota)}</td>
                    <td class="num">{formatNumber(data.bpjs_view.participants, lang)}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </TableScroll>
        )}
      </Panel>

      <Panel id="monev-funding" title={t('monev.funding.title')} note={t('monev.funding.note')}>
        {data.funding.length === 0 ? (
          <p class="muted">{t('monev.programs.none')}</p>
        ) : (
          <TableScroll label={t('monev.funding.title')}>
            <table class="data-table" data-testid="monev-funding-table">
              <caption class="visually-hidden">{t('monev.funding.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monev.funding.source')}</th>
                  <th scope="col" class="num">
                    {t('monev.trend.participants')}
                  </th>
                  <th scope="col" class="num">
                    {t('table.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.funding.map((f) => (
                  <tr key={f.source} data-testid="monev-funding" data-source={f.source} data-value={f.participants}>
                    <th scope="row">{f.source}</th>
                    <td class="num">{formatNumber(f.participants, lang)}</td>
                    <td class="num">{fundingTotal > 0 ? formatShare(f.participants / fundingTotal, lang) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>

      <Panel id="monev-denominators" title={t('monev.denominators.title')} note={t('monev.denominators.note')}>
        {data.denominators.length === 0 ? (
          <p class="muted">{t('monev.denominators.none')}</p>
        ) : (
          <TableScroll label={t('monev.denominators.title')}>
            <table class="data-table" data-testid="monev-denominators-table">
              <caption class="visually-hidden">{t('monev.denominators.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monev.denominators.name')}</th>
                  <th scope="col" class="num">
                    {t('monev.denominators.value')}
                  </th>
                  <th scope="col">{t('monev.denominators.source')}</th>
                </tr>
              </thead>
              <tbody>
                {data.denominators.map((d) => (
                  <tr key={d.name} data-testid="monev-denominator-row" data-name={d.name} aria-current={d.name === data.denominator?.name ? 'true' : undefined}>
                    <th scope="row">
                      {denominatorName(d, t)} ({d.year})
                    </th>
                    <td class="num">{formatNumber(d.value, lang)}</td>
                    <td>
                      {d.source}
                      {d.source_date ? `, ${formatDate(d.source_date, lang)}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Panel>
    </>
  );
}
