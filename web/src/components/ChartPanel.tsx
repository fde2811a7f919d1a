// A Panel holding one chart, its data table (shown, or one click away under "Lihat tabel data")
// and its downloads: the chart as a PNG made in the browser (lib/chartImage.ts) and, when the page
// has one, the table's numbers as an .xlsx the server writes. The chart stays decorative for
// assistive technology (EChart); the table carries the same numbers.

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
  option: ChartOption;
  height: number;
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

export function ChartPanel({ id, title, note, option, height, fileName, imageNote, xlsxHref, table, tableOpen, onSelect, children }: Props) {
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
        <EChart option={option} height={height} label={t('chart.label', { title })} testId={`${id}-chart`} onSelect={onSelect} />
      </div>
      {tableOpen ? (
        <div class="table-scroll">{table}</div>
      ) : (
        <details class="table-details" data-testid={`${id}-details`}>
          <summary>{t('table.show')}</summary>
          <div class="table-scroll">{table}</div>
        </details>
      )}
    </Panel>
  );
}
