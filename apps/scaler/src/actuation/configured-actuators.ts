import type { ScaleTarget } from '@autoscale/config';
import type { ScalerConfig } from '../config';
import type { Actuator } from './actuator';
import { awsAsgActuator } from './aws-asg.actuator';
import { gcpMigActuator } from './gcp-mig.actuator';
import { webhookActuator } from './webhook.actuator';

/**
 * One actuator per target that has one to call (keda targets are read through the gateway's
 * endpoint instead). Throws when a webhook target has no `SCALE_WEBHOOK_SECRET` to sign with.
 *
 * @example
 * const actuators = configuredActuators(targets, config); // Map { 'web' => aws-asg actuator }
 */
export function configuredActuators(targets: readonly ScaleTarget[], config: ScalerConfig): Map<string, Actuator> {
  const actuators = new Map<string, Actuator>();
  for (const target of targets) {
    const a = target.actuator;
    if (a.type === 'aws-asg')
      actuators.set(target.name, awsAsgActuator({ group: a.group, region: a.region ?? config.AWS_REGION }));
    if (a.type === 'gcp-mig')
      actuators.set(target.name, gcpMigActuator({ ...a, apiEndpoint: config.GCP_API_ENDPOINT }));
    if (a.type === 'webhook') {
      if (!config.SCALE_WEBHOOK_SECRET)
        throw new Error(`target ${target.name}: the webhook actuator needs SCALE_WEBHOOK_SECRET`);
      actuators.set(
        target.name,
        webhookActuator({
          url: a.url,
          secret: config.SCALE_WEBHOOK_SECRET,
          timeoutMs: config.SCALE_WEBHOOK_TIMEOUT_SEC * 1000,
        }),
      );
    }
  }
  return actuators;
}
