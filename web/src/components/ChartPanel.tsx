// A Panel holding one chart, its data table (shown, or one click away under "Lihat tabel data")
// and its downloads: the chart as a PNG made in the browser (lib/chartImage.ts) and, when the page
// has one, the table's numbers as an .xlsx the server writes. The chart is an ECharts option, or
// an SVG the page draws itself (a map); either stays decorative for assistive technology, and the
// table carries the same numbers.

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { saveBlob, svgToPng } from '../lib/chartImage';
import { useI18n } from '../lib/i18n';
import { EChart, type ChartOption } from './EChart';
import { Panel } from './Panel';

interface Props {
  id: string;
  title: string;
  note?: string;
  /** An ECharts chart of `height` pixels, or `drawing`: an <svg> the page draws itself. */
  option?: ChartOption;
  height?: number;
  drawing?: ComponentChildren;
  /** The PNG's file name ("monev-35.14-2025-09-kecamatan.png"). */
  fileName: string;
  /** The line under the chart in the PNG (the month and the source). */
  imageNote?: string;
  /** The .xlsx of the same numbers, when the server offers one. */
  xlsxHref?: string;
  /** The data table. */
  table: ComponentChildren;
  /** Shows the table under the chart instead of folding it. */
  tableOpen?: boolean;
  onSelect?: (dataIndex: number) => void;
  /** What stands between the title and the chart (a short explanation). */
  children?: ComponentChildren;
}

export function ChartPanel({ id, title, note, option, height, drawing, fileName, imageNote, xlsxHref, table, tableOpen, onSelect, children }: Props) {
  const { t } = useI18n();
  const chart = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function downloadPng() {
    const svg = chart.current?.querySelector('svg');
    if (!svg || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      saveBlob(await svgToPng(svg, { title, note: imageNote }), fileName);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel id={id} title={title} note={note}>
      {children}
      <div class="chart-tools" role="group" aria-label={t('chart.downloads', { title })}>
        <button type="button" class="button button-secondary button-small" onClick={downloadPng} disabled={busy} data-testid={`${id}-png`}>
          {t('chart.png')}
        </button>
        {xlsxHref && (
          <a class="button button-secondary button-small" href={xlsxHref} download data-testid={`${id}-xlsx`}>
            {t('chart.xlsx')}
          </a>
        )}
        <span class="field-error" role="status">
          {failed ? t('chart.pngFailed') : ''}
        </span>
      </div>
      <div ref={chart}>
        {option ? <EChart option={option} height={height ?? 240} label={t('chart.label', { title })} testId={`${id}-chart`} onSelect={onSelect} /> : drawing}
      </div>
      {tableOpen ? (
        <TableScroll label={title}>{table}</TableScroll>
      ) : (
        <details class="table-details" data-testid={`${id}-details`}>
          <summary>{t('table.show')}</summary>
          <TableScroll label={title}>{table}</TableScroll>
        </details>
      )}
    </Panel>
  );
}

/**
 * A table that may be wider than its panel: it scrolls inside it, and the scrolling box takes
 * the keyboard's focus (arrows scroll it) under the table's name.
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
