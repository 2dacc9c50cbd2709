import type { Counters, Logger } from '@autoscale/observability';
import { MS_PER_HOUR } from '@autoscale/time-units';
import type { PolledProvider, ResourceSample } from '../provider';
import type { PrometheusClient } from './prometheus.client';
import type { PrometheusQueries } from './prometheus-presets';
import { resourceSeries } from './prometheus-samples';
import type { ResourceSeries } from './prometheus-samples';

export type PrometheusProviderOptions = {
  client: PrometheusClient;
  queries: PrometheusQueries;
  /** The poll interval; also the step of every query, so every read lands on the same grid. */
  intervalMs: number;
  log: Logger;
  counters?: Counters | undefined;
  /** A gap longer than this (Prometheus down for a day) is re-read only this far back. */
  maxGapMs?: number;
};

/** Prometheus refuses a range query of more than 11,000 points per series. */
const MAX_STEPS_PER_QUERY = 10_000;

/**
 * CPU and memory per resource from PromQL, every value on a grid of the poll interval.
 * A poll reads from the step after the last one it read to now (`query_range`), so polls
 * that failed while Prometheus was down are read again once it answers: the gap is refilled
 * and, the timestamps being the same grid points, nothing is published twice. Resources are
 * whatever the queries return at the time: they appear and disappear with the series.
 *
 * @example
 * const provider = createPrometheusProvider({ client, queries: presetQueries({ preset: 'node', window: '5m' }), intervalMs: 60_000, log });
 * await provider.poll(new Date()); // [{ resourceId: '10.0.0.5:9100', ts, metrics: { cpu: 37.5, mem: 61.2 }, labels: { instance, job } }]
 */
export function createPrometheusProvider(opts: PrometheusProviderOptions): PolledProvider {
  const stepMs = Math.max(1000, Math.round(opts.intervalMs / 1000) * 1000);
  const maxGapMs = opts.maxGapMs ?? 6 * MS_PER_HOUR;
  const grid = (t: number) => Math.floor(t / stepMs) * stepMs;
  let lastRead: number | null = null;
  let known = new Set<string>();
  const toldCpuOnly = new Set<string>();

  async function readRange(start: number, end: number): Promise<ResourceSample[]> {
    const samples: ResourceSample[] = [];
    for (let from = start; from <= end; from += MAX_STEPS_PER_QUERY * stepMs) {
      const to = Math.min(end, from + (MAX_STEPS_PER_QUERY - 1) * stepMs);
      const range = { start: from, end: to, stepSec: stepMs / 1000 };
      let cpu: ResourceSeries;
      let mem: ResourceSeries;
      try {
        [cpu, mem] = await Promise.all([
          opts.client.range(opts.queries.cpu, range).then((r) => resourceSeries(r, opts.queries.resourceLabels)),
          opts.client.range(opts.queries.mem, range).then((r) => resourceSeries(r, opts.queries.resourceLabels)),
        ]);
      } catch (error) {
        // The collector logs the failure (with every server's reason) and polls again.
        opts.counters?.inc('prometheus_query_failures');
        throw error;
      }
      report(cpu, mem);
      samples.push(...joinSeries(cpu, mem));
    }
    return samples;
  }

  function report(cpu: ResourceSeries, mem: ResourceSeries) {
    const invalid = cpu.invalid + mem.invalid;
    if (invalid > 0) {
      opts.counters?.inc('prometheus_invalid_points', invalid);
      opts.log.warn(
        { cpuPoints: cpu.invalid, memPoints: mem.invalid },
        'Prometheus returned NaN or infinite values; those points are skipped',
      );
    }
    const unnamed = cpu.unnamed + mem.unnamed;
    if (unnamed > 0) {
      opts.counters?.inc('prometheus_unnamed_series', unnamed);
      opts.log.warn(
        { series: unnamed, resourceLabels: opts.queries.resourceLabels },
        'Prometheus series without the resource label are skipped (check the query keeps it)',
      );
    }
    const cpuOnly = [...cpu.series.keys()].filter((id) => !mem.series.has(id) && !toldCpuOnly.has(id));
    for (const id of cpuOnly) toldCpuOnly.add(id);
    if (cpuOnly.length > 0)
      opts.log.info({ resources: cpuOnly }, 'no memory series for these resources; publishing CPU only');
  }

  function track(samples: ResourceSample[]) {
    const now = new Set(samples.map((s) => s.resourceId));
    const appeared = [...now].filter((id) => !known.has(id));
    const gone = [...known].filter((id) => !now.has(id));
    if (appeared.length > 0) opts.log.info({ resources: appeared }, 'Prometheus resources appeared');
    if (gone.length > 0) opts.log.info({ resources: gone }, 'Prometheus resources no longer returned');
    known = now;
  }

  return {
    kind: 'polled',
    name: 'prometheus',
    async poll(now) {
      const end = grid(now.getTime());
      const start = lastRead === null ? end : Math.max(lastRead + stepMs, end - maxGapMs);
      if (start > end) return [];
      const samples = await readRange(start, end);
      if (end - start > stepMs) {
        opts.counters?.inc('prometheus_gaps_refilled');
        opts.log.info(
          { from: new Date(start), to: new Date(end), samples: samples.length },
          'Prometheus gap re-read after missed polls',
        );
      }
      lastRead = end;
      track(samples.filter((s) => s.ts.getTime() === end));
      return samples;
    },
    history: (from, to) => readRange(Math.ceil(from.getTime() / stepMs) * stepMs, grid(to.getTime())),
  };
}

/** One sample per resource and grid point, with whichever of CPU and memory Prometheus had there. */
function joinSeries(cpu: ResourceSeries, mem: ResourceSeries): ResourceSample[] {
  const ids = new Set([...cpu.series.keys(), ...mem.series.keys()]);
  const samples: ResourceSample[] = [];
  for (const id of ids) {
    const c = cpu.series.get(id);
    const m = mem.series.get(id);
    const labels = { ...mem.labels.get(id), ...cpu.labels.get(id) };
    const times = [...new Set([...(c?.keys() ?? []), ...(m?.keys() ?? [])])].sort((a, b) => a - b);
    for (const t of times) {
      const cv = c?.get(t);
      const mv = m?.get(t);
      samples.push({
        resourceId: id,
        ts: new Date(t),
        metrics: { ...(cv === undefined ? {} : { cpu: cv }), ...(mv === undefined ? {} : { mem: mv }) },
        labels,
      });
    }
  }
  return samples.sort((a, b) => a.ts.getTime() - b.ts.getTime());
}
