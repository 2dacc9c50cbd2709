import uPlot from 'uplot';
import type { ForecastSummary } from '../api/forecast-summary';
import { h } from '../dom';
import { chartColumns } from './chart-data';
import type { Sample } from './chart-data';

const COLORS = {
  sample: '#2563eb',
  forecast: '#7c3aed',
  band: 'rgba(124, 58, 237, 0.18)',
  threshold: '#dc2626',
  window: 'rgba(220, 38, 38, 0.12)',
};

/** The chart's key, as page text (uPlot's own legend would list the band edges as series). */
export const chartKey = () =>
  h(
    'ul',
    { class: 'chart-key' },
    h('li', {}, h('span', { class: 'key-line', style: `border-color:${COLORS.sample}` }), 'samples'),
    h('li', {}, h('span', { class: 'key-line dashed', style: `border-color:${COLORS.forecast}` }), 'forecast'),
    h('li', {}, h('span', { class: 'key-box', style: `background:${COLORS.band}` }), '80 % band'),
    h('li', {}, h('span', { class: 'key-line dotted', style: `border-color:${COLORS.threshold}` }), 'threshold'),
    h(
      'li',
      {},
      h('span', { class: 'key-box', style: `background:${COLORS.window};border-left:2px solid ${COLORS.threshold}` }),
      'predicted breach',
    ),
  );

/**
 * One metric's chart: samples, the forecast line with its 80 % band, the threshold, and the
 * predicted breach moment with its earliest–latest window shaded. `update` redraws in place.
 */
export function createMetricChart(container: HTMLElement, label: string) {
  let forecast: ForecastSummary | undefined;
  const opts: uPlot.Options = {
    width: Math.max(280, container.clientWidth),
    height: container.clientWidth < 500 ? 200 : 260,
    scales: { x: { time: true }, y: { range: [0, 100] } },
    axes: [
      { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' } },
      {
        stroke: 'currentColor',
        grid: { stroke: 'rgba(128,128,128,0.15)' },
        values: (_u, ticks) => ticks.map((t) => `${t}%`),
        size: 48,
      },
    ],
    series: [
      {},
      { label, stroke: COLORS.sample, width: 2, spanGaps: true, value: (_u, v) => fmt(v) },
      { label: 'forecast', stroke: COLORS.forecast, width: 2, dash: [6, 4], spanGaps: true, value: (_u, v) => fmt(v) },
      { label: '80 % low', stroke: 'transparent', spanGaps: true, points: { show: false }, value: (_u, v) => fmt(v) },
      { label: '80 % high', stroke: 'transparent', spanGaps: true, points: { show: false }, value: (_u, v) => fmt(v) },
      {
        label: 'threshold',
        stroke: COLORS.threshold,
        width: 1.5,
        dash: [3, 3],
        points: { show: false },
        value: (_u, v) => fmt(v),
      },
    ],
    bands: [{ series: [4, 3], fill: COLORS.band }],
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    hooks: { draw: [(u) => drawBreach(u, forecast)] },
  };
  const plot = new uPlot(opts, [[], [], [], [], [], []], container);
  const resize = new ResizeObserver(() =>
    plot.setSize({ width: Math.max(280, container.clientWidth), height: plot.height }),
  );
  resize.observe(container);

  return {
    update(samples: Sample[], next: ForecastSummary | undefined, threshold: number | null) {
      forecast = next;
      plot.setData(chartColumns(samples, next, threshold));
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}

const fmt = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} %`);

function drawBreach(u: uPlot, forecast: ForecastSummary | undefined) {
  if (!forecast || forecast.breachAt === null) return;
  const { ctx, bbox } = u;
  const x = (ms: number) => u.valToPos(ms / 1000, 'x', true);
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  if (forecast.earliest !== null || forecast.latest !== null) {
    const from = x(forecast.earliest ?? forecast.breachAt);
    // No latest crossing within the horizon: the window runs off the chart's right edge.
    const to = forecast.latest === null ? bbox.left + bbox.width : x(forecast.latest);
    ctx.fillStyle = COLORS.window;
    ctx.fillRect(from, bbox.top, Math.max(2, to - from), bbox.height);
  }
  const at = x(forecast.breachAt);
  ctx.strokeStyle = COLORS.threshold;
  ctx.lineWidth = 2 * devicePixelRatio;
  ctx.beginPath();
  ctx.moveTo(at, bbox.top);
  ctx.lineTo(at, bbox.top + bbox.height);
  ctx.stroke();
  ctx.restore();
}
