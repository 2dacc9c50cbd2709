import type { MetricPoint, MetricsRange } from '@autoscale/http-contract';
import type { ForecastSummary, Metric } from '../api/forecast-summary';
import { gatewayApi } from '../api/gateway-api';
import type { Sample } from '../charts/chart-data';
import { chartKey, createMetricChart } from '../charts/metric-chart';
import { h, replaceChildren } from '../dom';
import { clock, pct, relative } from '../format';
import { store } from '../store';
import type { Change } from '../store';
import { alertsTable } from './alerts-table';
import { statusBadge } from './status-badge';

const RANGES: readonly MetricsRange[] = ['1h', '6h', '24h'];
let range: MetricsRange = '1h';

type Panel = {
  metric: Metric;
  samples: Sample[];
  chart: ReturnType<typeof createMetricChart>;
  caption: HTMLElement;
  figure: HTMLElement;
};

/**
 * One resource: CPU and memory charts over 1 h / 6 h / 24 h, the forecast, its alerts. The
 * header's status is redrawn whenever what it is made of arrives (the page's first load, this
 * resource's forecasts, a live forecast), so a page opened from a link is right at once.
 */
export function renderResource(main: HTMLElement, resourceId: string) {
  const head = h('div', { class: 'page-head' });
  const charts = h('div', { class: 'charts' });
  const alerts = h('section', { 'aria-labelledby': 'alerts-title' });
  replaceChildren(main, h('p', {}, h('a', { href: '#/' }, '← All resources')), head, charts, alerts);
  let panels: Panel[] = [];
  let disposed = false;

  const drawHead = () =>
    replaceChildren(
      head,
      h('h1', {}, resourceId, ' ', statusBadge(store.statusOf(resourceId))),
      h(
        'div',
        { class: 'ranges', role: 'group', 'aria-label': 'Time range' },
        ...RANGES.map((r) =>
          h(
            'button',
            {
              type: 'button',
              'aria-pressed': r === range ? 'true' : 'false',
              onclick: () => ((range = r), void load()),
            },
            r,
          ),
        ),
      ),
    );
  const drawAlerts = () =>
    replaceChildren(
      alerts,
      h('h2', { id: 'alerts-title' }, 'Alerts'),
      alertsTable(
        store.alerts.filter((a) => a.resourceId === resourceId),
        { showResource: false },
      ),
    );

  async function load() {
    drawHead();
    let body: Awaited<ReturnType<typeof gatewayApi.metrics>>;
    try {
      // The overview's summaries carry no chart points: this resource's forecasts come with them.
      [body] = await Promise.all([gatewayApi.metrics(resourceId, range), store.loadResource(resourceId)]);
    } catch (error) {
      if (!disposed) replaceChildren(charts, h('p', { class: 'error', role: 'alert' }, (error as Error).message));
      return;
    }
    if (disposed) return;
    drawHead();
    for (const p of panels) p.chart.destroy();
    const metrics: Metric[] = body.memoryAvailable ? ['cpu', 'mem'] : ['cpu'];
    replaceChildren(charts);
    panels = metrics.map((metric) => createPanel(charts, metric, samplesOf(body.points, metric)));
    for (const p of panels) drawPanel(p);
  }

  function drawPanel(p: Panel) {
    const forecast = store.forecast(resourceId, p.metric);
    const threshold = forecast?.threshold ?? store.config?.thresholds[p.metric] ?? null;
    p.chart.update(p.samples, forecast, threshold);
    p.figure.dataset['samples'] = String(p.samples.length);
    p.figure.dataset['forecastPoints'] = String(forecast?.points.length ?? 0);
    p.figure.dataset['generatedAt'] = forecast ? new Date(forecast.generatedAt).toISOString() : '';
    replaceChildren(p.caption, ...caption(resourceId, p.metric, forecast, threshold));
  }

  drawAlerts();
  void load();
  return {
    update(change: Change) {
      if (change.kind === 'alert' && change.alert.resourceId === resourceId) drawAlerts();
      if (change.kind === 'ack') drawAlerts();
      if (change.kind === 'loaded') {
        drawHead();
        drawAlerts();
        for (const p of panels) drawPanel(p);
      }
      if (change.kind !== 'forecast' || change.forecast.resourceId !== resourceId) return;
      const p = panels.find((panel) => panel.metric === change.forecast.metric);
      const { generatedAt, current } = change.forecast;
      if (p && generatedAt > (p.samples.at(-1)?.ts ?? 0)) p.samples.push({ ts: generatedAt, value: current });
      drawHead();
      if (p) drawPanel(p);
    },
    dispose() {
      disposed = true;
      for (const p of panels) p.chart.destroy();
    },
  };
}

function createPanel(parent: HTMLElement, metric: Metric, samples: Sample[]): Panel {
  const title = metric === 'cpu' ? 'CPU' : 'Memory';
  const plot = h('div', {
    class: 'plot',
    role: 'img',
    'aria-label': `${title} over time with forecast, 80 % band and threshold`,
  });
  const caption = h('figcaption', {});
  const figure = h('figure', { class: 'chart', 'data-metric': metric }, h('h2', {}, title), plot, chartKey(), caption);
  parent.appendChild(figure);
  return { metric, samples, chart: createMetricChart(plot, title), caption, figure };
}

function samplesOf(points: MetricPoint[], metric: Metric): Sample[] {
  const samples: Sample[] = [];
  for (const p of points) {
    const value = p[metric];
    if (value !== null) samples.push({ ts: Date.parse(p.ts), value });
  }
  return samples;
}

function caption(resourceId: string, metric: Metric, f: ForecastSummary | undefined, threshold: number | null) {
  const name = metric === 'cpu' ? 'CPU' : 'Memory';
  if (!f) {
    const w = store.warmingUp.get(resourceId);
    const count = w ? ` (${w.samples} of ${w.needed} samples)` : '';
    return [h('strong', {}, 'Warming up'), `: not enough ${name} samples for a forecast yet${count}.`];
  }
  const parts = [
    h('span', {}, `Now ${pct(f.current)}`),
    h('span', {}, ` · threshold ${pct(threshold)}`),
    h('span', {}, ` · model ${f.model}`),
  ];
  if (f.breachAt !== null) {
    const window = windowText(f.earliest, f.latest);
    parts.push(
      h('strong', { class: 'breach' }, ` · breach predicted ${clock(f.breachAt)} ${relative(f.breachAt)}${window}`),
    );
  } else {
    parts.push(h('span', {}, ' · no breach forecast'));
  }
  parts.push(h('span', { class: 'muted' }, ` · forecast of ${clock(f.generatedAt)}`));
  return parts;
}

/** The earliest–latest window; an open end is beyond the forecast horizon. */
function windowText(earliest: number | null, latest: number | null) {
  if (earliest === null && latest === null) return '';
  if (latest === null) return ` (from ${clock(earliest)} on)`;
  if (earliest === null) return ` (by ${clock(latest)} at the latest)`;
  return ` (between ${clock(earliest)} and ${clock(latest)})`;
}
