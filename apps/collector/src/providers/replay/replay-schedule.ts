import { MS_PER_MIN } from '@autoscale/time-units';
import type { ResourceSample } from '../provider';
import type { ReplaySeries } from './replay-files';

/** `now`: each series ends now; `original`: timestamps as recorded; a Date: each series starts then. */
export type ReplayStart = 'now' | 'original' | Date;

/**
 * Every recording as samples in one timeline, oldest first. Each series is shifted on its own
 * (recordings from different months all end now, or all start at the given time), by whole
 * minutes so that minute-aligned recordings stay minute-aligned.
 *
 * @example
 * scheduleReplay([{ resourceId: 'a', file, rows: [{ t: 0, cpu: 5 }] }], 'original', new Date());
 * // [{ resourceId: 'a', ts: 1970-01-01T00:00:00Z, metrics: { cpu: 5 } }]
 */
export function scheduleReplay(series: readonly ReplaySeries[], start: ReplayStart, now: Date): ResourceSample[] {
  const samples = series.flatMap(({ resourceId, rows }) => {
    const offset = shiftFor(rows.at(0)?.t, rows.at(-1)?.t, start, now);
    return rows.map((row): ResourceSample => ({
      resourceId,
      ts: new Date(row.t + offset),
      metrics: {
        ...(row.cpu === undefined ? {} : { cpu: row.cpu }),
        ...(row.mem === undefined ? {} : { mem: row.mem }),
      },
    }));
  });
  return samples.sort((a, b) => a.ts.getTime() - b.ts.getTime());
}

function shiftFor(first: number | undefined, last: number | undefined, start: ReplayStart, now: Date): number {
  if (first === undefined || last === undefined || start === 'original') return 0;
  const anchor = start === 'now' ? Math.floor(now.getTime() / MS_PER_MIN) * MS_PER_MIN - last : start.getTime() - first;
  return Math.floor(anchor / MS_PER_MIN) * MS_PER_MIN;
}
