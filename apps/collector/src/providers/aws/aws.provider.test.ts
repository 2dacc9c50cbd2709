import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogger } from '@autoscale/testing';
import { startFakeCloudWatch } from '@autoscale/testing';
import type { FakeCloudWatch, FakeMetric } from '@autoscale/testing';
import { createAwsProvider } from './aws.provider';
import type { AwsProviderOptions } from './aws.provider';

const NOW = new Date('2024-05-01T10:07:30Z');
const MINUTE = 60_000;
const METRICS: AwsProviderOptions['metrics'] = {
  cpu: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimension: 'InstanceId' },
  mem: { namespace: 'CWAgent', metricName: 'mem_used_percent', dimension: 'InstanceId' },
};

/** Per-minute raw datapoints for the last 8 hours: CPU 10 + instance number, memory 50 + it. */
function cloud(instances: Record<string, { cpu?: boolean; mem?: boolean }>) {
  return (metric: FakeMetric) => {
    const id = metric.dimensions.InstanceId ?? '';
    const known = instances[id];
    const isCpu = metric.namespace === 'AWS/EC2' && metric.metricName === 'CPUUtilization';
    const isMem = metric.namespace === 'CWAgent' && metric.metricName === 'mem_used_percent';
    if (!known || (isCpu && known.cpu === false) || (isMem && !known.mem) || (!isCpu && !isMem)) return [];
    const n = Number.parseInt(id.slice(2), 16) % 10;
    return Array.from({ length: 8 * 60 }, (_, k) => ({
      ts: new Date(NOW.getTime() - (k + 1) * MINUTE),
      value: (isCpu ? 10 : 50) + n,
    }));
  };
}

describe('aws provider', () => {
  let server: FakeCloudWatch | undefined;
  const logs = captureLogger();

  beforeEach(() => {
    logs.lines.length = 0;
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDWATCH', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await server?.close();
    server = undefined;
  });

  async function provider(
    instances: Parameters<typeof cloud>[0],
    extra: Partial<AwsProviderOptions> & { pageSize?: number } = {},
  ) {
    server = await startFakeCloudWatch({
      datapoints: cloud(instances),
      ...(extra.pageSize ? { pageSize: extra.pageSize } : {}),
    });
    vi.stubEnv('AWS_ENDPOINT_URL', server.url);
    return createAwsProvider({
      region: 'eu-west-1',
      resourceIds: Object.keys(instances),
      intervalMs: 5 * MINUTE,
      maxAttempts: 4,
      metrics: METRICS,
      log: logs.log,
      ...extra,
    });
  }

  it('asks for EC2 CPUUtilization and CWAgent mem_used_percent per instance, averaged over the poll interval', async () => {
    const aws = await provider({ 'i-0a1': { mem: true }, 'i-0a2': { mem: true } });

    const samples = await aws.poll(NOW);

    expect(server?.requests).toHaveLength(1);
    const request = server?.requests[0];
    expect(request?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/monitoring\/aws4_request/,
    );
    expect(request?.queries.map((q) => q.MetricStat)).toEqual([
      {
        Metric: {
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0a1' }],
        },
        Period: 300,
        Stat: 'Average',
      },
      {
        Metric: {
          Namespace: 'CWAgent',
          MetricName: 'mem_used_percent',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0a1' }],
        },
        Period: 300,
        Stat: 'Average',
      },
      {
        Metric: {
          Namespace: 'AWS/EC2',
          MetricName: 'CPUUtilization',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0a2' }],
        },
        Period: 300,
        Stat: 'Average',
      },
      {
        Metric: {
          Namespace: 'CWAgent',
          MetricName: 'mem_used_percent',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-0a2' }],
        },
        Period: 300,
        Stat: 'Average',
      },
    ]);
    // The last 15 minutes up to the last 5-minute boundary before 10:07:30.
    expect(request?.startTime).toBe(Date.parse('2024-05-01T09:50:00Z') / 1000);
    expect(request?.endTime).toBe(Date.parse('2024-05-01T10:05:00Z') / 1000);
    expect(samples.filter((s) => s.resourceId === 'i-0a1')).toEqual([
      { resourceId: 'i-0a1', ts: new Date('2024-05-01T09:50:00Z'), metrics: { cpu: 11, mem: 51 } },
      { resourceId: 'i-0a1', ts: new Date('2024-05-01T09:55:00Z'), metrics: { cpu: 11, mem: 51 } },
      { resourceId: 'i-0a1', ts: new Date('2024-05-01T10:00:00Z'), metrics: { cpu: 11, mem: 51 } },
    ]);
    expect(samples.filter((s) => s.resourceId === 'i-0a2')).toHaveLength(3);
  });

  it('honours the configured memory namespace, metric and dimension', async () => {
    const aws = await provider(
      { 'i-0a1': { mem: true } },
      {
        metrics: { ...METRICS, mem: { namespace: 'Custom/Agent', metricName: 'MemoryUtilization', dimension: 'host' } },
      },
    );

    await aws.poll(NOW);

    expect(server?.requests[0]?.queries[1]?.MetricStat?.Metric).toEqual({
      Namespace: 'Custom/Agent',
      MetricName: 'MemoryUtilization',
      Dimensions: [{ Name: 'host', Value: 'i-0a1' }],
    });
  });

  it('publishes CPU alone for an instance without memory data, and says so once', async () => {
    const aws = await provider({ 'i-0a1': { mem: false } });

    const first = await aws.poll(NOW);
    await aws.poll(NOW);

    expect(first.map((s) => s.metrics)).toEqual([{ cpu: 11 }, { cpu: 11 }, { cpu: 11 }]);
    const told = logs.at('info').filter((l) => String(l.msg).includes('no memory metric'));
    expect(told).toHaveLength(1);
    expect(told[0]?.resources).toEqual(['i-0a1']);
  });

  it('follows NextToken until every page is read', async () => {
    const aws = await provider({ 'i-0a1': { mem: true }, 'i-0a2': { mem: true } }, { pageSize: 4 });

    const samples = await aws.poll(NOW);

    expect(server?.requests.map((r) => r.nextToken)).toEqual([undefined, '4', '8']);
    expect(samples).toHaveLength(6);
    expect(samples.every((s) => s.metrics.cpu !== undefined && s.metrics.mem !== undefined)).toBe(true);
  });

  it('splits more than 500 queries into several requests', async () => {
    const instances = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`i-${i.toString(16).padStart(4, '0')}`, { mem: true }]),
    );
    const aws = await provider(instances);

    const samples = await aws.poll(NOW);

    expect(server?.requests.map((r) => r.queries.length)).toEqual([500, 100]);
    expect(new Set(samples.map((s) => s.resourceId)).size).toBe(300);
  });

  it('retries throttling with backoff, then returns the data', async () => {
    const aws = await provider({ 'i-0a1': { mem: true } });
    server?.failNext('throttle', 2);

    const samples = await aws.poll(NOW);

    expect(server?.requests).toHaveLength(3);
    expect(samples).toHaveLength(3);
  });

  it('on access denied logs the missing IAM permission once and returns nothing, without throwing', async () => {
    const aws = await provider({ 'i-0a1': { mem: true } });
    server?.failNext('accessDenied', 10);

    const samples = await aws.poll(NOW);

    expect(samples).toEqual([]);
    expect(server?.requests).toHaveLength(1);
    const errors = logs.at('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('cloudwatch:GetMetricData');
    expect(errors[0]?.code).toBe('AccessDenied');
  });

  it('on rejected credentials names where the SDK looks for them', async () => {
    const aws = await provider({ 'i-0a1': { mem: true } });
    server?.failNext('invalidToken', 10);

    await expect(aws.poll(NOW)).resolves.toEqual([]);
    expect(logs.at('error')[0]?.msg).toMatch(/access key is not known/);
  });

  it('warns about instances CloudWatch has no data for, naming them and the fix', async () => {
    const aws = await provider({ 'i-0a1': { mem: true }, 'i-0dead': { cpu: false } });

    const samples = await aws.poll(NOW);

    expect(new Set(samples.map((s) => s.resourceId))).toEqual(new Set(['i-0a1']));
    const warnings = logs.at('warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.resources).toEqual(['i-0dead']);
    expect(warnings[0]?.msg).toContain('AWS_RESOURCE_IDS');
  });

  it('throws when CloudWatch stays unavailable past the retries, so the collector counts a failed poll', async () => {
    const aws = await provider({ 'i-0a1': { mem: true } }, { maxAttempts: 2 });
    server?.failNext('unavailable', 5);

    await expect(aws.poll(NOW)).rejects.toThrow();
    expect(server?.requests).toHaveLength(2);
  });

  it('backfills the requested hours on period boundaries, oldest first', async () => {
    const aws = await provider({ 'i-0a1': { mem: true } });

    const history = (await aws.history?.(new Date(NOW.getTime() - 6 * 3_600_000), NOW)) ?? [];

    expect(server?.requests[0]?.startTime).toBe(Date.parse('2024-05-01T04:10:00Z') / 1000);
    expect(server?.requests[0]?.endTime).toBe(Date.parse('2024-05-01T10:05:00Z') / 1000);
    expect(server?.requests[0]?.scanBy).toBe('TimestampAscending');
    expect(history).toHaveLength(71);
    expect(history[0]?.ts).toEqual(new Date('2024-05-01T04:10:00Z'));
    expect(history.at(-1)?.ts).toEqual(new Date('2024-05-01T10:00:00Z'));
  });
});
