// One ECharts instance bound to a <div>. Only the chart types the pages use are registered
// (echarts/core keeps the bundle small), rendered as SVG: crisp at any zoom, and nothing in
// ECharts needs eval, so the server's Content-Security-Policy can forbid it.
//
// The chart is decorative for assistive technology: the div is role="img" with a label that
// points to the data table every chart carries beside it. `onSelect` (optional) hears a click on
// a bar or point by its index; the table beside the chart must offer the same choice by keyboard.

import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

interface Props {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
  onSelect?: (dataIndex: number) => void;
}

export function EChart({ option, height, label, testId, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params: { dataIndex?: number }) => {
      if (typeof params.dataIndex === 'number') select.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  useEffect(() => {
    chart.current?.resize();
  }, [height]);

  return (
    <div
      ref={container}
      class={onSelect ? 'chart chart-selectable' : 'chart'}
      style={{ height: `${height}px` }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}
