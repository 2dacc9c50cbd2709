import type { DurableProgress, ProgressReport } from '@autoscale/bus';

type ServiceProgress = { pending: number; maxStalledSec: number; stalledPartitions: number[] };

const label = (d: DurableProgress) =>
  d.partition === null ? `${d.service} ${d.consumer}` : `${d.service} partition ${d.partition}`;

/**
 * The progress section of `/api/health`: the stalled durables by name, and per service what
 * it holds, its longest wait for an ack and its stalled partitions.
 *
 * @example
 * progressHealth(await progress.read(), 30_000).stalled; // ['forecaster partition 3']
 */
export function progressHealth(report: ProgressReport, stallMs: number) {
  const services: Record<string, ServiceProgress> = {};
  for (const d of report.durables) {
    const s = (services[d.service] ??= { pending: 0, maxStalledSec: 0, stalledPartitions: [] });
    s.pending += d.pending;
    s.maxStalledSec = Math.max(s.maxStalledSec, d.stalledSec);
    if (d.stalled && d.partition !== null) s.stalledPartitions.push(d.partition);
  }
  return {
    jetstream: { up: report.readable },
    stallAfterSec: stallMs / 1000,
    stalled: report.durables.filter((d) => d.stalled).map(label),
    services,
    durables: report.durables.map(({ stream: _stream, ...d }) => d),
  };
}
