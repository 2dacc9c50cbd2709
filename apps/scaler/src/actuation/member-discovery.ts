import type { Logger } from '@autoscale/observability';
import type { ScaleTargetSet } from '../scale-target-set';
import type { Actuator } from './actuator';

/**
 * Reads the members of every group that knows them (aws-asg, gcp-mig) now and every
 * `intervalMs`, so instances the group starts join the forecast without a restart. A failed
 * read keeps the members last read and is logged.
 *
 * @example
 * const discovery = await startMemberDiscovery(set, actuators, 60_000, log);
 * discovery.stop();
 */
export async function startMemberDiscovery(
  set: ScaleTargetSet,
  actuators: ReadonlyMap<string, Actuator>,
  intervalMs: number,
  log: Logger,
) {
  const refresh = async () => {
    for (const [target, actuator] of actuators) {
      if (!actuator.members) continue;
      try {
        set.setDiscovered(target, await actuator.members());
      } catch (error) {
        log.warn({ target, err: error }, 'could not read the group members; keeping the last ones');
      }
    }
  };
  await refresh();
  const timer = setInterval(() => void refresh(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), refresh };
}
