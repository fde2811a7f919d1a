// The districts ranked (by coverage when each has a denominator, else by the share of its
// verified persons covered: docs/monev.md), as bars and as a table; a district opens its villages
// (?kecamatan=, GET …/coverage/districts/{district}) from the table or by clicking its bar. And
// the gaps: the districts with the most verified persons not covered where the share covered is
// below the regency's.

import { useEffect, useMemo, useRef } from 'preact/hooks';
import { ChartPanel, TableScroll } from '../../components/ChartPanel';
import { Panel } from '../../components/Panel';
import { LoadState } from '../../components/State';
import { horizontalBarsHeight, PALETTE, shareBars } from '../../lib/charts';
import { formatNumber, formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getDistrictVillages, regencyMonevFileUrl, type AreaFigures, type RegencyMonev } from '../../lib/monevApi';
import { navigate } from '../../lib/router';
import { useLoad } from '../../lib/useLoad';
import { DistrictMap } from './DistrictMap';
import { districtMeasure, downloadName, measureOf, monevSearch, uncovered } from './logic';
import { denominatorName } from './words';

const hrefOf = (district: string) => `${window.location.pathname}${monevSearch(window.location.search, { district })}`;

export function DistrictsPanel({ data, regencyCode, district }: { data: RegencyMonev; regencyCode: string; district: string }) {
  const { lang, t } = useI18n();
  const measure = districtMeasure(data.districts);
  const districts = data.districts;
  const option = useMemo(
    () =>
      shareBars(
        districts.map((d) => d.name),
        [{ name: measure === 'coverage' ? t('monev.coverage') : t('monev.shareCovered'), values: districts.map((d) => measureOf(d, measure)), color: PALETTE.primary }],
        lang,
      ),
    [districts, measure, lang, t],
  );
  const opened = districts.find((d) => d.code === district);
  const xlsx = regencyMonevFileUrl(regencyCode, 'xlsx', data.period ?? '');
  return (
    <>
      <DistrictMap data={data} regencyCode={regencyCode} measure={measure} onOpen={(code) => navigate(hrefOf(code))} xlsx={xlsx} />
      <ChartPanel
        id="monev-districts"
        title={t('monev.districts.title')}
        note={measure === 'coverage' ? t('monev.districts.byCoverage') : t('monev.districts.byShare')}
        option={option}
        height={horizontalBarsHeight(districts.length)}
        fileName={downloadName(['monev', data.regency.code, data.period, 'kecamatan'], 'png')}
        imageNote={data.regency.name}
        xlsxHref={xlsx}
        onSelect={(i) => districts[i] && navigate(hrefOf(districts[i].code))}
        table={<AreaTable areas={districts} level="district" opened={district} />}
      />
      {district && (
        <VillagesPanel regencyCode={regencyCode} period={data.period ?? ''} district={district} name={opened?.name ?? district} regencyName={data.regency.name} xlsx={xlsx} />
      )}
    </>
  );
}

function VillagesPanel({ regencyCode, period, district, name, regencyName, xlsx }: { regencyCode: string; period: string; district: string; name: string; regencyName: string; xlsx: string }) {
  const { lang, t } = useI18n();
  const [load, reload] = useLoad((signal) => getDistrictVillages(regencyCode, district, period, signal), [regencyCode, district, period]);
  const villages = load.state === 'ready' ? load.data : [];
  const option = useMemo(
    () => shareBars(villages.map((v) => v.name), [{ name: t('monev.shareCovered'), values: villages.map((v) => v.share_covered), color: PALETTE.primary }], lang),
    [villages, lang, t],
  );
  const place = useRef<HTMLDivElement>(null);
  useEffect(() => {
    place.current?.scrollIntoView({ block: 'start' });
  }, [district]);
  const title = t('monev.villages.title', { district: name });
  return (
    <div ref={place} data-testid="monev-villages" data-district={district} data-state={load.state}>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <ChartPanel
          id="monev-villages"
          title={title}
          note={t('monev.villages.note')}
          option={option}
          height={horizontalBarsHeight(villages.length)}
          fileName={downloadName(['monev', district, period, 'desa'], 'png')}
          imageNote={`${name} · ${regencyName}`}
          xlsxHref={xlsx}
          table={<AreaTable areas={villages} level="village" opened="" />}
          tableOpen
        >
          <p>
            <a href={hrefOf('')} data-testid="monev-villages-close">
              {t('monev.villages.close')}
            </a>
          </p>
        </ChartPanel>
      )}
    </div>
  );
}

/** Districts or villages with their figures; a district's name opens its villages. */
function AreaTable({ areas, level, opened }: { areas: AreaFigures[]; level: 'district' | 'village'; opened: string }) {
  const { lang, t } = useI18n();
  const anyCoverage = areas.some((a) => a.coverage !== null);
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  return (
    <table class="data-table" data-testid={level === 'district' ? 'monev-district-table' : 'monev-village-table'}>
      <caption class="visually-hidden">{level === 'district' ? t('monev.districts.title') : t('monev.villages.caption')}</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            {t('monev.rank')}
          </th>
          <th scope="col">{t('table.code')}</th>
          <th scope="col">{level === 'district' ? t('table.district') : t('monev.village')}</th>
          <th scope="col" class="num">
            {t('monev.trend.persons')}
          </th>
          <th scope="col" class="num">
            {t('monev.trend.participants')}
          </th>
          <th scope="col" class="num">
            {t('monev.uncovered')}
          </th>
          <th scope="col" class="num">
            {t('monev.shareCovered')}
          </th>
          {anyCoverage && (
            <th scope="col" class="num">
              {t('monev.coverage')}
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {areas.map((a) => (
          <tr
            key={a.code}
            data-testid={level === 'district' ? 'monev-district' : 'monev-village'}
            data-code={a.code}
            data-rank={a.rank}
            aria-current={a.code === opened ? 'true' : undefined}
          >
            <td class="num">{a.rank > 0 ? formatNumber(a.rank, lang) : '–'}</td>
            <td class="code">{a.code}</td>
            <th scope="row">
              {level === 'district' ? (
                <a href={hrefOf(a.code)} aria-label={t('monev.villages.open', { district: a.name })} data-testid="monev-district-open">
                  {a.name}
                </a>
              ) : (
                a.name
              )}
            </th>
            <td class="num" data-testid="monev-area-persons">
              {formatNumber(a.persons, lang)}
            </td>
            <td class="num" data-testid="monev-area-participants">
              {formatNumber(a.participants, lang)}
            </td>
            <td class="num">{formatNumber(uncovered(a), lang)}</td>
            <td class="num" data-testid="monev-area-share">
              {share(a.share_covered)}
            </td>
            {anyCoverage && (
              <td class="num" data-testid="monev-area-coverage" title={a.denominator ? `${denominatorName(a.denominator, t)} ${formatNumber(a.denominator.value, lang)} (${a.denominator.year})` : undefined}>
                {share(a.coverage)}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GapsPanel({ data }: { data: RegencyMonev }) {
  const { lang, t } = useI18n();
  const regencyShare = data.persons > 0 ? data.participants / data.persons : null;
  return (
    <Panel id="monev-gaps" title={t('monev.gaps.title')} note={regencyShare === null ? undefined : t('monev.gaps.note', { share: formatShare(regencyShare, lang) })}>
      {data.gaps.length === 0 ? (
        <p class="muted" data-testid="monev-gaps-none">
          {t('monev.gaps.none')}
        </p>
      ) : (
        <TableScroll label={t('monev.gaps.title')}>
          <table class="data-table" data-testid="monev-gaps-table">
            <caption class="visually-hidden">{t('monev.gaps.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.district')}</th>
                <th scope="col" class="num">
                  {t('monev.uncovered')}
                </th>
                <th scope="col" class="num">
                  {t('monev.trend.persons')}
                </th>
                <th scope="col" class="num">
                  {t('monev.shareCovered')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.gaps.map((g) => (
                <tr key={g.code} data-testid="monev-gap" data-code={g.code}>
                  <th scope="row">
                    <a href={hrefOf(g.code)}>{g.name}</a>
                  </th>
                  <td class="num" data-testid="monev-gap-uncovered">
                    {formatNumber(uncovered(g), lang)}
                  </td>
                  <td class="num">{formatNumber(g.persons, lang)}</td>
                  <td class="num">{g.share_covered === null ? '–' : formatShare(g.share_covered, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Panel>
  );
}
