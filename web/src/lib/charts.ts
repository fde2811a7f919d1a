// ECharts options for the dashboard, the verval history, a program's budget by month and the monev
// pages (shares by area, the bridge from rows to persons, coverage by month), built from plain
// lists so that every chart looks alike: the product's palette, Indonesian number formatting,
// values on the bars.

import type { ChartOption } from '../components/EChart';
import { formatNumber, formatRupiah, formatRupiahShort, formatShare, type Lang } from './format';

export interface Datum {
  name: string;
  value: number;
  color?: string;
}

export const PALETTE = {
  primary: '#1f5f9e',
  primarySoft: '#7fa7cf',
  male: '#1f5f9e',
  female: '#c0562b',
  text: '#1d2733',
  muted: '#4b5868',
  grid: '#e3e8ee',
};

const FONT = '"Noto Sans", "Segoe UI", system-ui, sans-serif';

/** Height in pixels that gives every bar of a horizontal chart room for its label. */
export function horizontalBarsHeight(count: number): number {
  return Math.max(160, count * 26 + 36);
}

/** The value axis of counts, labelled as the UI writes numbers. */
function countAxis(lang: Lang) {
  return {
    type: 'value',
    axisLabel: { color: PALETTE.muted, formatter: (v: number) => formatNumber(v, lang) },
    splitLine: { lineStyle: { color: PALETTE.grid } },
  };
}

/** Horizontal bars, drawn top to bottom in the given order, with the value at each bar's end. */
export function horizontalBars(data: Datum[], lang: Lang, unit: string): ChartOption {
  const longest = data.reduce((max, d) => Math.max(max, d.name.length), 0);
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    grid: { left: 24, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) => `${formatNumber(Number(value), lang)} ${unit}`,
    },
    xAxis: {
      type: 'value',
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.grid } },
      axisLabel: {
        color: PALETTE.text,
        fontSize: 13,
        // Only very long names are cut (with an ellipsis; the table has them whole).
        ...(longest > 28 ? { width: 200, overflow: 'truncate' } : {}),
      },
    },
    series: [
      {
        type: 'bar',
        data: data.map((d) => ({ value: d.value, itemStyle: d.color ? { color: d.color } : undefined })),
        barMaxWidth: 18,
        itemStyle: { color: PALETTE.primary, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          color: PALETTE.text,
          fontSize: 12,
          formatter: (p: { value: unknown }) => formatNumber(Number(p.value), lang),
        },
      },
    ],
  };
}

/** Vertical bars for an ordered scale such as age bands. */
export function verticalBars(data: Datum[], lang: Lang, unit: string): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) => `${formatNumber(Number(value), lang)} ${unit}`,
    },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.muted } },
      axisLabel: { color: PALETTE.text, fontSize: 13 },
    },
    yAxis: countAxis(lang),
    series: [
      {
        type: 'bar',
        data: data.map((d) => d.value),
        barMaxWidth: 48,
        itemStyle: { color: PALETTE.primary, borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'top',
          color: PALETTE.text,
          fontSize: 12,
          formatter: (p: { value: unknown }) => formatNumber(Number(p.value), lang),
        },
      },
    ],
  };
}

/** A ring of shares (few parts only, e.g. sex); the legend is the HTML table beside it. */
export function donut(data: Datum[], lang: Lang, unit: string): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    tooltip: {
      trigger: 'item',
      valueFormatter: (value: unknown) => `${formatNumber(Number(value), lang)} ${unit}`,
    },
    series: [
      {
        type: 'pie',
        radius: ['55%', '85%'],
        avoidLabelOverlap: true,
        label: { show: false },
        data: data.map((d) => ({ name: d.name, value: d.value, itemStyle: { color: d.color } })),
      },
    ],
  };
}

/** The legend of the charts with several series: top left, small keys. */
const LEGEND = { top: 0, left: 0, textStyle: { color: PALETTE.text, fontSize: 12 }, itemWidth: 14, itemHeight: 10 };

/** The category axis of a chart by month (or any ordered categories). */
function monthAxis(categories: string[]) {
  return {
    type: 'category',
    data: categories,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: PALETTE.muted } },
    axisLabel: { color: PALETTE.text, fontSize: 12 },
  };
}

/** One series of a flow chart: a value per category; `out` series are drawn below zero. */
export interface FlowSeries {
  name: string;
  values: number[];
  color: string;
  out?: boolean;
}

/**
 * Month-to-month flows as stacked bars around zero: what came in above the axis, what went out
 * (by reason) below it, with a legend. Tooltips and axis labels show counts without a sign.
 */
export function flowBars(categories: string[], series: FlowSeries[], lang: Lang, unit: string): ChartOption {
  const count = (value: unknown) => `${formatNumber(Math.abs(Number(value)), lang)} ${unit}`;
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    legend: LEGEND,
    grid: { left: 8, right: 8, top: 56, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: count },
    xAxis: monthAxis(categories),
    yAxis: {
      type: 'value',
      axisLabel: { color: PALETTE.muted, formatter: (v: number) => formatNumber(Math.abs(v), lang) },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: s.out ? 'out' : 'in',
      barMaxWidth: 40,
      itemStyle: { color: s.color },
      data: s.values.map((v) => (s.out ? -v : v)),
    })),
  };
}

/** One series of a money chart: bars (amounts of the month) or a line (a running balance). */
export interface MoneySeries {
  name: string;
  values: number[];
  color: string;
  type: 'bar' | 'line';
}

/**
 * Rupiah by month: bars side by side for what each month costs, a line for what is left, with
 * a legend; the axis in short figures ("Rp 2,8 M"), tooltips in whole rupiah. A negative
 * balance (money committed beyond the budget) stays below the axis, visible as such.
 */
export function moneyChart(categories: string[], series: MoneySeries[], lang: Lang): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    legend: LEGEND,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: unknown) => formatRupiah(Number(value)) },
    xAxis: monthAxis(categories),
    yAxis: {
      type: 'value',
      axisLabel: { color: PALETTE.muted, formatter: (v: number) => formatRupiahShort(v, lang) },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series: series.map((s) =>
      s.type === 'bar'
        ? { type: 'bar', name: s.name, barMaxWidth: 36, itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] }, data: s.values }
        : {
            type: 'line',
            name: s.name,
            data: s.values,
            symbol: 'circle',
            symbolSize: 8,
            lineStyle: { color: s.color, width: 3 },
            itemStyle: { color: s.color },
          },
    ),
  };
}

/** One series of shares (coverage) by category; null where a category has no figure. */
export interface ShareSeries {
  name: string;
  values: (number | null)[];
  color: string;
}

/**
 * Shares (coverage, 0..1) as horizontal bars, categories top to bottom in the given order, the
 * figure ("21,34 %") at each bar's end; a legend when there are several series (actual and
 * planned). A category without a figure has no bar (the table says why).
 */
export function shareBars(categories: string[], series: ShareSeries[], lang: Lang): ChartOption {
  const share = (value: unknown) => (value === null || value === undefined ? '–' : formatShare(Number(value), lang));
  const several = series.length > 1;
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    ...(several ? { legend: LEGEND } : {}),
    grid: { left: 24, right: 72, top: several ? 32 : 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: share },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { lineStyle: { color: PALETTE.grid } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: PALETTE.grid } },
      axisLabel: { color: PALETTE.text, fontSize: 13 },
    },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: several ? 12 : 18,
      itemStyle: { color: s.color, borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', color: PALETTE.text, fontSize: 12, formatter: (p: { value: unknown }) => share(p.value) },
    })),
  };
}

/** One step of a bridge: a bar floating from `base` to `base + value`, in its own colour. */
export interface BridgeBar {
  name: string;
  base: number;
  value: number;
  color: string;
}

/**
 * A bridge (waterfall) chart: a total, the parts taken off it each hanging from what is left,
 * and what remains, as vertical bars with their counts on top. The floating bases are an
 * invisible stacked series (no tooltip, no label). `axisFrom` > 0 starts the value axis there
 * (small parts of a large total stay visible; the page must say so).
 */
export function bridgeChart(bars: BridgeBar[], lang: Lang, unit: string, axisFrom = 0): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: unknown }) => `${p.name}: ${formatNumber(Number(p.value), lang)} ${unit}`,
    },
    xAxis: { ...monthAxis(bars.map((b) => b.name)), axisLabel: { color: PALETTE.text, fontSize: 12, interval: 0, width: 88, overflow: 'break', lineHeight: 15 } },
    yAxis: { ...countAxis(lang), ...(axisFrom > 0 ? { min: axisFrom } : {}) },
    series: [
      {
        type: 'bar',
        stack: 'bridge',
        silent: true,
        itemStyle: { color: 'transparent' },
        tooltip: { show: false },
        data: bars.map((b) => b.base),
      },
      {
        type: 'bar',
        stack: 'bridge',
        barMaxWidth: 56,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
        label: {
          show: true,
          position: 'top',
          color: PALETTE.text,
          fontSize: 12,
          formatter: (p: { value: unknown }) => formatNumber(Number(p.value), lang),
        },
      },
    ],
  };
}

/**
 * Coverage by month as a line, with the target as a dashed line when there is one; the axis and
 * the tooltips in shares ("21,34 %").
 */
export function coverageTrend(
  categories: string[],
  coverage: { name: string; values: (number | null)[] },
  target: { name: string; value: number } | null,
  lang: Lang,
): ChartOption {
  const share = (value: unknown) => (value === null || value === undefined ? '–' : formatShare(Number(value), lang));
  const series: object[] = [
    {
      type: 'line',
      name: coverage.name,
      data: coverage.values,
      symbol: 'circle',
      symbolSize: 8,
      connectNulls: false,
      lineStyle: { color: PALETTE.primary, width: 3 },
      itemStyle: { color: PALETTE.primary },
      label: { show: true, position: 'top', color: PALETTE.text, fontSize: 12, formatter: (p: { value: unknown }) => share(p.value) },
    },
  ];
  if (target) {
    series.push({
      type: 'line',
      name: target.name,
      data: categories.map(() => target.value),
      symbol: 'none',
      lineStyle: { color: PALETTE.female, width: 2, type: 'dashed' },
      itemStyle: { color: PALETTE.female },
    });
  }
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    legend: LEGEND,
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: share },
    xAxis: monthAxis(categories),
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: PALETTE.muted, formatter: (v: number) => formatShare(v, lang) },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series,
  };
}

/** Counts by month as vertical bars with a legend (the trend of participants without a denominator). */
export function countTrend(categories: string[], series: { name: string; values: number[]; color: string }[], lang: Lang, unit: string): ChartOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT, color: PALETTE.text },
    legend: LEGEND,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${formatNumber(Number(v), lang)} ${unit}` },
    xAxis: monthAxis(categories),
    yAxis: countAxis(lang),
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 36,
      itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] },
      data: s.values,
    })),
  };
}
