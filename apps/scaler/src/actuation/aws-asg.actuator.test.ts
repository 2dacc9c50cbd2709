import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeAutoScaling } from '@autoscale/testing';
import type { FakeAutoScaling } from '@autoscale/testing';
import { decisionAt } from '../testing/decision';
import { ActuationError } from './actuator';
import { awsAsgActuator } from './aws-asg.actuator';

describe('awsAsgActuator against an Auto Scaling Query-API stand-in', () => {
  let aws: FakeAutoScaling;
  beforeEach(async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_ENDPOINT_URL_AUTO_SCALING', undefined);
    aws = await startFakeAutoScaling([
      { name: 'web-asg', minSize: 1, maxSize: 4, desired: 2, instances: ['i-0a1', 'i-0a2'] },
    ]);
    vi.stubEnv('AWS_ENDPOINT_URL', aws.url);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await aws.close();
  });

  it('sets the desired capacity with HonorCooldown, capped at the group MaxSize it read first', async () => {
    const asg = awsAsgActuator({ group: 'web-asg', region: 'eu-west-1' });
    expect(await asg.apply(decisionAt(Date.now(), { desired: 7 }), 'web:x')).toEqual({ applied: 4 });
    expect(aws.calls.map((c) => c.action)).toEqual(['DescribeAutoScalingGroups', 'SetDesiredCapacity']);
    expect(aws.calls[0]!.params).toMatchObject({ 'AutoScalingGroupNames.member.1': 'web-asg', Version: '2011-01-01' });
    expect(aws.calls[1]!.params).toMatchObject({
      AutoScalingGroupName: 'web-asg',
      DesiredCapacity: '4',
      HonorCooldown: 'true',
    });
    expect(aws.calls.every((c) => c.signed)).toBe(true);
    expect(aws.group('web-asg')!.desired).toBe(4);
  });

  it("reads the group's instances as its members", async () => {
    expect(await awsAsgActuator({ group: 'web-asg', region: 'eu-west-1' }).members!()).toEqual(['i-0a1', 'i-0a2']);
  });

  it('reports a cooldown as retryable, a refusal and a missing group as final', async () => {
    const asg = awsAsgActuator({ group: 'web-asg', region: 'eu-west-1' });
    aws.failNext('scalingActivityInProgress');
    const busy = await asg.apply(decisionAt(Date.now()), 'web:x').catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ActuationError);
    expect(busy).toMatchObject({ final: false, message: expect.stringContaining('ScalingActivityInProgress') });
    aws.failNext('accessDenied');
    expect(await asg.apply(decisionAt(Date.now()), 'web:x').catch((e: unknown) => e)).toMatchObject({ final: true });
    const missing = await awsAsgActuator({ group: 'nope', region: 'eu-west-1' })
      .apply(decisionAt(Date.now()), 'web:x')
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ final: true, message: 'Auto Scaling group nope not found' });
  });
});
