/**
 * The one place that knows the shapes of `/api/forecast` (and the forecast events of
 * `/api/stream`). It reads both the full forecast the forecaster publishes (`points`,
 * `samples`, no `status`) and the per-resource summary (`status`, warming-up counts, no
 * points) and gives the views one shape.
 */

export type Metric = 'cpu' | 'mem';

export type ResourceStatus = 'breached' | 'forecast_breach' | 'silenced' | 'warming_up' | 'ok';

export type ForecastPoint = { ts: number; value: number; lo: number; hi: number };

export type ForecastSummary = {
  resourceId: string;
  metric: Metric;
  /** ms since epoch of the newest sample the forecast was made from. */
  generatedAt: number | null;
  current: number | null;
  threshold: number | null;
  model: string | null;
  breachAt: number | null;
  earliest: number | null;
  latest: number | null;
  status: ResourceStatus;
  /** Samples seen, and needed before a forecast (warming up). */
  samples: number | null;
  samplesNeeded: number | null;
  points: ForecastPoint[];
};

type Json = Record<string, unknown>;

const STATUS_WORDS: Record<string, ResourceStatus> = {
  ok: 'ok',
  breached: 'breached',
  breach: 'breached',
  forecastbreach: 'forecast_breach',
  forecast: 'forecast_breach',
  silenced: 'silenced',
  warmingup: 'warming_up',
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const time = (v: unknown): number | null => {
  const s = str(v);
  if (s === null) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
};
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const clampPct = (v: number) => Math.min(100, Math.max(0, v));

/** The list in a `/api/forecast` answer, whatever it is called. */
export function forecastItems(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const o = obj(body);
  for (const key of ['forecasts', 'summaries', 'resources', 'items']) {
    if (Array.isArray(o[key])) return o[key] as unknown[];
  }
  return [];
}

/** One forecast or summary in the views' shape; null when it is not one. */
export function toForecastSummary(item: unknown): ForecastSummary | null {
  const o = obj(item);
  const resourceId = str(o['resourceId']);
  const metric = o['metric'];
  if (resourceId === null || (metric !== 'cpu' && metric !== 'mem')) return null;
  const interval = obj(o['interval']);
  const warmup = obj(o['warmup'] ?? o['warmingUp']);
  const samples = num(o['samples']) ?? num(warmup['samples']);
  const samplesNeeded = num(o['samplesNeeded']) ?? num(o['minSamples']) ?? num(warmup['needed']) ?? num(warmup['samplesNeeded']);
  const summary: ForecastSummary = {
    resourceId,
    metric,
    generatedAt: time(o['generatedAt']),
    current: num(o['current']),
    threshold: num(o['threshold']),
    model: str(o['model']),
    breachAt: time(o['breachAt']),
    earliest: time(interval['earliest']),
    latest: time(interval['latest']),
    status: 'ok',
    samples,
    samplesNeeded,
    points: toPoints(o['points']),
  };
  summary.status = statusOf(summary, str(o['status']));
  return summary;
}

function toPoints(v: unknown): ForecastPoint[] {
  if (!Array.isArray(v)) return [];
  const points: ForecastPoint[] = [];
  for (const p of v) {
    const o = obj(p);
    const ts = time(o['ts']);
    const value = num(o['value']);
    if (ts === null || value === null) continue;
    // Older forecasts were not clamped (CPU lo -63, hi 130): a percentage stays in 0–100.
    points.push({ ts, value: clampPct(value), lo: clampPct(num(o['lo']) ?? value), hi: clampPct(num(o['hi']) ?? value) });
  }
  return points;
}

/** The server's word when it gives one; otherwise what the numbers say. */
function statusOf(s: ForecastSummary, given: string | null): ResourceStatus {
  // `warming_up`, `warming-up`, `warmingUp` and `WARMING UP` all mean the same.
  const key = given?.toLowerCase().replace(/[-\s_]/g, '');
  const known = key === undefined ? undefined : STATUS_WORDS[key];
  if (known) return known;
  if (s.current !== null && s.threshold !== null && s.current >= s.threshold) return 'breached';
  if (s.breachAt !== null) return 'forecast_breach';
  if (s.current === null && s.generatedAt === null) return 'warming_up';
  return 'ok';
}

/** Worst first: what needs a person now comes first. */
export const STATUS_RANK: Record<ResourceStatus, number> = { breached: 0, forecast_breach: 1, silenced: 2, warming_up: 3, ok: 4 };

export const STATUS_LABEL: Record<ResourceStatus, string> = {
  breached: 'breached',
  forecast_breach: 'forecast breach',
  silenced: 'silenced',
  warming_up: 'warming up',
  ok: 'ok',
};

/** The worse of two statuses. */
export const worse = (a: ResourceStatus, b: ResourceStatus): ResourceStatus => (STATUS_RANK[a] <= STATUS_RANK[b] ? a : b);
