import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import { ActuationError } from './actuator';
import type { Actuator } from './actuator';

/** Errors that no retry mends: the caller's rights or the request itself. */
const FINAL = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ValidationError',
  'ResourceContention_NotRetryable',
]);

/**
 * An EC2 Auto Scaling group: `SetDesiredCapacity` with `HonorCooldown` (a group cooling down
 * answers ScalingActivityInProgress, retried), never above the group's MaxSize nor below its
 * MinSize as `DescribeAutoScalingGroups` reports them; members are its instance ids, the
 * collector's resource ids. Credentials, region and endpoint (`AWS_ENDPOINT_URL`,
 * `AWS_ENDPOINT_URL_AUTO_SCALING`) come from the SDK's default chain.
 *
 * @example
 * const asg = awsAsgActuator({ group: 'web-asg', region: 'eu-west-1' });
 * await asg.apply(decision, decisionId); // { applied: 6 }
 */
export function awsAsgActuator(opts: {
  group: string;
  region?: string | undefined;
  client?: AutoScalingClient;
}): Actuator {
  const client = opts.client ?? new AutoScalingClient(opts.region ? { region: opts.region } : {});

  async function describe(): Promise<AutoScalingGroup> {
    const answer = await call(() =>
      client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [opts.group] })),
    );
    const group = answer.AutoScalingGroups?.[0];
    if (!group) throw new ActuationError(`Auto Scaling group ${opts.group} not found`, true);
    return group;
  }

  return {
    type: 'aws-asg',
    async apply(decision) {
      const group = await describe();
      const max = group.MaxSize ?? decision.desired;
      const min = group.MinSize ?? 0;
      const applied = Math.max(min, Math.min(max, decision.desired));
      await call(() =>
        client.send(
          new SetDesiredCapacityCommand({
            AutoScalingGroupName: opts.group,
            DesiredCapacity: applied,
            HonorCooldown: true,
          }),
        ),
      );
      return { applied };
    },
    async members() {
      const group = await describe();
      return (group.Instances ?? []).map((i) => i.InstanceId).filter((id): id is string => typeof id === 'string');
    },
  };
}

async function call<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (thrown) {
    const name = (thrown as { name?: string }).name ?? 'Error';
    const message = `${name}: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    throw new ActuationError(message, FINAL.has(name));
  }
}
