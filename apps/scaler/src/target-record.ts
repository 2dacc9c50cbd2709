import { z } from 'zod';
import { INITIAL_SCALE_STATE } from '@autoscale/scaling';
import type { MemberOutlook, ScaleInputs } from '@autoscale/scaling';

/** Forecasts kept per member: an hour at 5-minute polls, so a partition catching up still finds its epoch. */
const HISTORY = 12;

const Outlook = z.object({
  t: z.number(),
  current: z.number(),
  expected: z.number(),
  upper: z.number(),
  breachProbability: z.number().nullable(),
});

/** What a target carries between forecasts (one KV entry, compare-and-set). */
export const TargetRecord = z.object({
  /** Each member's recent forecasts read at the lead time, oldest first. */
  members: z.record(z.string(), z.array(Outlook)),
  /** Forecast time (ms) of the last epoch decided; 0 before the first. */
  lastDecidedAt: z.number(),
  /** The last desired capacity sent to the actuator, and when its forecasts were made. */
  lastSent: z.object({ desired: z.number(), forecastAt: z.number() }).nullable(),
  scale: z.object({ belowTargetSince: z.number().nullable() }),
});
export type TargetRecord = z.infer<typeof TargetRecord>;

export const EMPTY_TARGET_RECORD: TargetRecord = {
  members: {},
  lastDecidedAt: 0,
  lastSent: null,
  scale: INITIAL_SCALE_STATE,
};

/**
 * Adds one member's forecast (kept in time order, a redelivery replacing its twin) and drops
 * members whose newest forecast is more than `staleMs` older than the group's newest.
 *
 * @example
 * record = withForecast(record, 'web-1', outlook, 15 * 60_000);
 */
export function withForecast(
  record: TargetRecord,
  resourceId: string,
  outlook: MemberOutlook,
  staleMs: number,
): TargetRecord {
  const history = (record.members[resourceId] ?? []).filter((o) => o.t !== outlook.t);
  history.push(outlook);
  history.sort((a, b) => a.t - b.t);
  const members = { ...record.members, [resourceId]: history.slice(-HISTORY) };
  const newest = Math.max(...Object.values(members).map(latestT));
  const fresh = Object.entries(members).filter(([, h]) => latestT(h) >= newest - staleMs);
  return { ...record, members: Object.fromEntries(fresh) };
}

const latestT = (history: ReadonlyArray<{ t: number }>) => history[history.length - 1]?.t ?? 0;

/**
 * The next epoch to decide, once every member has a forecast at or after it: the oldest of
 * the members' newest forecast times. Each member contributes its newest forecast not after
 * the epoch, so the decision depends on the forecasts alone, never on which replica or in
 * which order they arrived. Null while that epoch is already decided, and while a target that
 * never decided has seen only its first poll.
 *
 * @example
 * const next = nextEpoch(record); // { t, inputs: { t, currentCapacity: 4, members } } | null
 */
export function nextEpoch(
  record: TargetRecord,
): { t: number; members: Array<MemberOutlook & { resourceId: string }> } | null {
  const histories = Object.entries(record.members);
  if (histories.length === 0) return null;
  const epoch = Math.min(...histories.map(([, h]) => latestT(h)));
  if (epoch <= record.lastDecidedAt) return null;
  // Members are found by their forecasts (a glob), so before a target's first decision its
  // first poll is complete only once some member reports the next one: deciding earlier would
  // count whichever members happened to arrive first.
  if (record.lastDecidedAt === 0 && histories.every(([, h]) => h.length === 1)) return null;
  const members = histories
    .map(([resourceId, h]) => {
      const at = [...h].reverse().find((o) => o.t <= epoch);
      return at ? { ...at, resourceId } : null;
    })
    .filter((m): m is MemberOutlook & { resourceId: string } => m !== null)
    .sort((a, b) => a.resourceId.localeCompare(b.resourceId));
  return { t: epoch, members };
}

/** Inputs of a decision at an epoch: the capacity serving is the members reporting. */
export const inputsOf = (epoch: NonNullable<ReturnType<typeof nextEpoch>>): ScaleInputs => ({
  t: epoch.t,
  currentCapacity: epoch.members.length,
  members: epoch.members,
});
