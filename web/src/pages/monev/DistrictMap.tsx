// The districts coloured by coverage (or by the share covered, as the ranking measures them), drawn
// from the boundaries the regency's administrator uploaded (GET …/boundaries; none are bundled, and
// without them there is no map). An SVG the page draws itself (logic.ts projectDistricts): light
// for little, navy for the regency's highest figure, grey without a figure, with a legend; a
// click on a district opens its villages, as its name in the table does.

import { useMemo } from 'preact/hooks';
import { ChartPanel } from '../../components/ChartPanel';
import { formatShare } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { getBoundaries, type AreaFigures, type RegencyMonev } from '../../lib/monevApi';
import { useLoad } from '../../lib/useLoad';
import { downloadName, mapColour, measureOf, projectDistricts } from './logic';

const WIDTH = 640;
const MAX_HEIGHT = 520;
const LEGEND = 40;

interface Props {
  data: RegencyMonev;
  regencyCode: string;
  measure: 'coverage' | 'share';
  /** Opens a district's villages. */
  onOpen: (district: string) => void;
  xlsx: string;
}

export function DistrictMap({ data, regencyCode, measure, onOpen, xlsx }: Props) {
  const { lang, t } = useI18n();
  const [load] = useLoad((signal) => getBoundaries(regencyCode, signal), [regencyCode]);
  const features = load.state === 'ready' ? load.data.features : [];
  const map = useMemo(() => projectDistricts(features, WIDTH, MAX_HEIGHT), [features]);
  // No boundaries uploaded: say where the map comes from (none are bundled), once the read says so.
  if (map.shapes.length === 0) {
    return load.state === 'ready' ? <p class="hint" data-testid="monev-map-missing">{t('monev.map.missing')}</p> : null;
  }

  const byCode = new Map<string, AreaFigures>(data.districts.map((d) => [d.code, d]));
  const value = (code: string) => {
    const d = byCode.get(code);
    return d ? measureOf(d, measure) : null;
  };
  const max = Math.max(0, ...map.shapes.map((s) => value(s.code) ?? 0));
  const share = (v: number | null) => (v === null ? '–' : formatShare(v, lang));
  const title = measure === 'coverage' ? t('monev.map.titleCoverage') : t('monev.map.titleShare');
  const height = map.height + LEGEND;
  const drawing = (
    <svg
      class="monev-map"
      viewBox={`0 0 ${map.width} ${height}`}
      width={map.width}
      height={height}
      role="img"
      aria-label={t('chart.label', { title })}
      data-testid="monev-map"
      font-family='"Noto Sans", "Segoe UI", system-ui, sans-serif'
    >
      <defs>
        <linearGradient id="monev-map-scale">
          <stop offset="0" stop-color={mapColour(0, 1).fill} />
          <stop offset="1" stop-color={mapColour(1, 1).fill} />
        </linearGradient>
      </defs>
      {map.shapes.map((s) => {
        const v = value(s.code);
        return (
          <path
            key={s.code}
            d={s.d}
            fill={mapColour(v, max).fill}
            stroke="#ffffff"
            stroke-width="1"
            class="monev-map-district"
            data-testid="monev-map-district"
            data-code={s.code}
            data-value={v ?? ''}
            onClick={() => onOpen(s.code)}
          >
            <title>{`${byCode.get(s.code)?.name ?? s.name}: ${share(v)}`}</title>
          </path>
        );
      })}
      {map.shapes.map((s) => {
        const dark = mapColour(value(s.code), max).dark;
        return (
          <text
            key={`label-${s.code}`}
            x={s.label[0]}
            y={s.label[1]}
            text-anchor="middle"
            dominant-baseline="middle"
            font-size="10"
            fill={dark ? '#ffffff' : '#1d2733'}
            pointer-events="none"
          >
            {byCode.get(s.code)?.name ?? s.name}
          </text>
        );
      })}
      <g transform={`translate(4, ${map.height + 12})`}>
        <rect width="160" height="10" fill="url(#monev-map-scale)" />
        <text x="0" y="24" font-size="11" fill="#1d2733">
          {share(0)}
        </text>
        <text x="160" y="24" font-size="11" fill="#1d2733" text-anchor="end">
          {share(max)}
        </text>
        <rect x="184" width="14" height="10" fill={mapColour(null, max).fill} />
        <text x="204" y="9" font-size="11" fill="#1d2733">
          {t('monev.map.none')}
        </text>
      </g>
    </svg>
  );

  const table = (
    <table class="data-table" data-testid="monev-map-table">
      <caption class="visually-hidden">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('table.district')}</th>
          <th scope="col" class="num">
            {measure === 'coverage' ? t('monev.coverage') : t('monev.shareCovered')}
          </th>
        </tr>
      </thead>
      <tbody>
        {map.shapes.map((s) => (
          <tr key={s.code}>
            <th scope="row">{byCode.get(s.code)?.name ?? s.name}</th>
            <td class="num">{share(value(s.code))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartPanel
      id="monev-map"
      title={title}
      note={t('monev.map.note')}
      drawing={drawing}
      fileName={downloadName(['monev', data.regency.code, data.period, 'peta'], 'png')}
      imageNote={data.regency.name}
      xlsxHref={xlsx}
      table={table}
    />
  );
}
