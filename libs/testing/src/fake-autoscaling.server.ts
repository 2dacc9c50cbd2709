import { randomUUID } from 'node:crypto';
import { startTestServer } from './http-test.server';
import type { TestRequest, TestResponse } from './http-test.server';

/**
 * A local stand-in for the EC2 Auto Scaling API as the installed SDK speaks it: the AWS Query
 * protocol (form-encoded `Action=…&Version=2011-01-01` POSTs signed with SigV4, XML answers,
 * errors as `<ErrorResponse>`). It keeps groups (min, max, desired, instances), answers
 * `DescribeAutoScalingGroups` and `SetDesiredCapacity` (refusing a capacity outside min..max
 * as AWS does), records every call, and can fail the next calls.
 */

export type FakeGroup = { name: string; minSize: number; maxSize: number; desired: number; instances: string[] };
export type FakeAutoScalingFailure = 'scalingActivityInProgress' | 'accessDenied' | 'unavailable';
/** One call as it arrived: the action and its form parameters. */
export type RecordedAutoScalingCall = { action: string; params: Record<string, string>; signed: boolean };

const NS = 'http://autoscaling.amazonaws.com/doc/2011-01-01/';

const FAILURES: Record<FakeAutoScalingFailure, TestResponse> = {
  scalingActivityInProgress: errorXml(
    400,
    'Sender',
    'ScalingActivityInProgress',
    'Scaling activity is in progress and blocks this action',
  ),
  accessDenied: errorXml(
    403,
    'Sender',
    'AccessDenied',
    'User is not authorized to perform: autoscaling:SetDesiredCapacity',
  ),
  unavailable: errorXml(503, 'Receiver', 'ServiceUnavailable', 'Service unavailable'),
};

/**
 * Starts the fake on 127.0.0.1; point the SDK at it with `AWS_ENDPOINT_URL` (or a client's `endpoint`).
 *
 * @example
 * const asg = await startFakeAutoScaling([{ name: 'web-asg', minSize: 1, maxSize: 8, desired: 2, instances: ['i-1', 'i-2'] }]);
 * asg.failNext('scalingActivityInProgress');
 */
export async function startFakeAutoScaling(groups: FakeGroup[]) {
  const calls: RecordedAutoScalingCall[] = [];
  const failures: FakeAutoScalingFailure[] = [];
  const byName = new Map(groups.map((g) => [g.name, { ...g }]));

  const server = await startTestServer((req: TestRequest) => {
    const params = Object.fromEntries(new URLSearchParams(req.body));
    const action = params['Action'] ?? '';
    calls.push({ action, params, signed: String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ') });
    if (req.method !== 'POST' || params['Version'] !== '2011-01-01')
      return errorXml(400, 'Sender', 'InvalidAction', `unexpected ${req.method} ${action}`);
    const failure = failures.shift();
    if (failure) return FAILURES[failure];
    if (action === 'DescribeAutoScalingGroups') return describe(params, byName);
    if (action === 'SetDesiredCapacity') return setDesired(params, byName);
    return errorXml(400, 'Sender', 'InvalidAction', `The action ${action} is not valid for this web service.`);
  });

  return {
    url: server.url,
    calls,
    group: (name: string) => byName.get(name),
    failNext: (failure: FakeAutoScalingFailure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    close: () => server.close(),
  };
}

export type FakeAutoScaling = Awaited<ReturnType<typeof startFakeAutoScaling>>;

function describe(params: Record<string, string>, groups: Map<string, FakeGroup>): TestResponse {
  const names = Object.entries(params)
    .filter(([k]) => k.startsWith('AutoScalingGroupNames.member.'))
    .map(([, v]) => v);
  const found = [...groups.values()].filter((g) => names.length === 0 || names.includes(g.name));
  const members = found
    .map(
      (g) => `<member>
        <AutoScalingGroupName>${g.name}</AutoScalingGroupName>
        <AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:${randomUUID()}:autoScalingGroupName/${g.name}</AutoScalingGroupARN>
        <MinSize>${g.minSize}</MinSize>
        <MaxSize>${g.maxSize}</MaxSize>
        <DesiredCapacity>${g.desired}</DesiredCapacity>
        <DefaultCooldown>300</DefaultCooldown>
        <AvailabilityZones><member>eu-west-1a</member></AvailabilityZones>
        <HealthCheckType>EC2</HealthCheckType>
        <CreatedTime>2026-01-01T00:00:00.000Z</CreatedTime>
        <Instances>${g.instances
          .map(
            (id) =>
              `<member><InstanceId>${id}</InstanceId><AvailabilityZone>eu-west-1a</AvailabilityZone><LifecycleState>InService</LifecycleState><HealthStatus>Healthy</HealthStatus><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>`,
          )
          .join('')}</Instances>
      </member>`,
    )
    .join('');
  return xml(
    `<DescribeAutoScalingGroupsResponse xmlns="${NS}"><DescribeAutoScalingGroupsResult><AutoScalingGroups>${members}</AutoScalingGroups></DescribeAutoScalingGroupsResult>${metadata()}</DescribeAutoScalingGroupsResponse>`,
  );
}

function setDesired(params: Record<string, string>, groups: Map<string, FakeGroup>): TestResponse {
  const group = groups.get(params['AutoScalingGroupName'] ?? '');
  if (!group)
    return errorXml(
      400,
      'Sender',
      'ValidationError',
      `AutoScalingGroup name not found - ${params['AutoScalingGroupName']}`,
    );
  const desired = Number(params['DesiredCapacity']);
  if (desired > group.maxSize) {
    return errorXml(
      400,
      'Sender',
      'ValidationError',
      `New SetDesiredCapacity value ${desired} is above max value ${group.maxSize} for the AutoScalingGroup.`,
    );
  }
  if (desired < group.minSize) {
    return errorXml(
      400,
      'Sender',
      'ValidationError',
      `New SetDesiredCapacity value ${desired} is below min value ${group.minSize} for the AutoScalingGroup.`,
    );
  }
  group.desired = desired;
  return xml(`<SetDesiredCapacityResponse xmlns="${NS}">${metadata()}</SetDesiredCapacityResponse>`);
}

const metadata = () => `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`;
const xml = (body: string): TestResponse => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });

function errorXml(status: number, type: string, code: string, message: string): TestResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}
