import type { ScaleTarget } from '@autoscale/config';
import { globMatches } from '@autoscale/contracts';
import type { MetricName } from '@autoscale/contracts';
import type { ScalePolicy } from '@autoscale/scaling';

/** The decision parameters of a target from its file entry. */
export const policyOf = (t: ScaleTarget): ScalePolicy => ({
  targetUtilization: t.targetUtilization,
  minCapacity: t.minCapacity,
  maxCapacity: t.maxCapacity,
  leadMin: t.leadMin,
  maxStep: t.maxStep,
  minBreachProbability: t.minBreachProbability,
  scaleInAfterMin: t.scaleInAfterMin ?? null,
});

/**
 * The targets and which resources belong to each: by the `members` glob, or, for groups
 * whose members are read from the cloud (aws-asg, gcp-mig), by the ids last discovered.
 *
 * @example
 * const set = scaleTargetSet(targets);
 * set.targetsOf('web-3', 'cpu'); // [the `web` target]
 */
export function scaleTargetSet(targets: readonly ScaleTarget[]) {
  const discovered = new Map<string, ReadonlySet<string>>();
  const isMember = (t: ScaleTarget, resourceId: string) =>
    (t.members !== undefined && globMatches(t.members, resourceId)) ||
    (discovered.get(t.name)?.has(resourceId) ?? false);
  return {
    targets,
    byName: (name: string) => targets.find((t) => t.name === name),
    /** The targets a series of this resource and metric feeds. */
    targetsOf: (resourceId: string, metric: MetricName) =>
      targets.filter((t) => t.metric === metric && isMember(t, resourceId)),
    /** Replaces the discovered members of a group (instance ids, as the collector names them). */
    setDiscovered: (target: string, members: readonly string[]) => discovered.set(target, new Set(members)),
  };
}

export type ScaleTargetSet = ReturnType<typeof scaleTargetSet>;
