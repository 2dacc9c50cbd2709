import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@autoscale/config';
import { CollectorEnv } from './config';

const parse = (env: Record<string, string>) => parseConfig(CollectorEnv, env);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parse(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('collector config', () => {
  it('needs nothing for the local provider', () => {
    expect(parse({}).METRICS_PROVIDER).toBe('local');
  });

  it('stops METRICS_PROVIDER=aws without AWS_RESOURCE_IDS or AWS_REGION, naming each variable', () => {
    const problems = problemsOf({ METRICS_PROVIDER: 'aws' });
    expect(problems).toEqual([
      expect.stringMatching(/^AWS_REGION: required when METRICS_PROVIDER=aws/),
      expect.stringMatching(/^AWS_RESOURCE_IDS: required when METRICS_PROVIDER=aws/),
    ]);
  });

  it('stops METRICS_PROVIDER=prometheus without PROMETHEUS_URL, and the custom preset without its queries', () => {
    expect(problemsOf({ METRICS_PROVIDER: 'prometheus' })).toEqual([
      expect.stringMatching(/^PROMETHEUS_URL: required when METRICS_PROVIDER=prometheus/),
    ]);
    expect(
      problemsOf({
        METRICS_PROVIDER: 'prometheus',
        PROMETHEUS_URL: 'http://prom:9090',
        PROMETHEUS_PRESET: 'custom',
        PROMETHEUS_CPU_QUERY: 'x',
      }),
    ).toEqual([
      expect.stringMatching(/^PROMETHEUS_MEM_QUERY: required when PROMETHEUS_PRESET=custom/),
      expect.stringMatching(/^PROMETHEUS_RESOURCE_LABEL: required when PROMETHEUS_PRESET=custom/),
    ]);
    const config = parse({ METRICS_PROVIDER: 'prometheus', PROMETHEUS_URL: 'http://prom-a:9090, http://prom-b:9090' });
    expect(config).toMatchObject({
      PROMETHEUS_URL: ['http://prom-a:9090', 'http://prom-b:9090'],
      PROMETHEUS_PRESET: 'node',
      PROMETHEUS_RATE_WINDOW: '5m',
    });
  });

  it('treats an empty or comma-only id list as missing', () => {
    expect(problemsOf({ METRICS_PROVIDER: 'aws', AWS_REGION: 'eu-west-1', AWS_RESOURCE_IDS: ' , ' })).toEqual([
      expect.stringMatching(/^AWS_RESOURCE_IDS: required/),
    ]);
  });

  it('reads comma-separated ids with spaces and repeats, and the CloudWatch defaults', () => {
    const config = parse({ METRICS_PROVIDER: 'aws', AWS_REGION: 'eu-west-1', AWS_RESOURCE_IDS: 'i-0a, i-0b,,i-0a' });
    expect(config.AWS_RESOURCE_IDS).toEqual(['i-0a', 'i-0b']);
    expect(config).toMatchObject({
      AWS_CPU_NAMESPACE: 'AWS/EC2',
      AWS_CPU_METRIC: 'CPUUtilization',
      AWS_MEM_NAMESPACE: 'CWAgent',
      AWS_MEM_METRIC: 'mem_used_percent',
      AWS_MEM_DIMENSION: 'InstanceId',
      AWS_MAX_ATTEMPTS: 5,
    });
  });

  it('refuses GCP instance names where numeric ids are needed, saying how to find them', () => {
    const problems = problemsOf({ METRICS_PROVIDER: 'gcp', GCP_PROJECT_ID: 'p', GCP_INSTANCE_IDS: '123,web-1' });
    expect(problems).toEqual([
      expect.stringMatching(/^GCP_INSTANCE_IDS\.1: numeric instance ids.*gcloud compute instances describe/),
    ]);
  });

  it('stops METRICS_PROVIDER=replay without REPLAY_FILES; plays at max speed, ending now, by default', () => {
    expect(problemsOf({ METRICS_PROVIDER: 'replay' })).toEqual([expect.stringMatching(/^REPLAY_FILES: required/)]);
    const config = parse({ METRICS_PROVIDER: 'replay', REPLAY_FILES: 'a.csv,b/*.csv' });
    expect(config).toMatchObject({ REPLAY_FILES: ['a.csv', 'b/*.csv'], REPLAY_SPEED: 'max', REPLAY_START: 'now' });
  });

  it('reads REPLAY_SPEED as a number or max, and REPLAY_START as now, original or an ISO time', () => {
    expect(parse({ REPLAY_SPEED: '60', REPLAY_START: '2024-01-01T00:00:00Z' })).toMatchObject({
      REPLAY_SPEED: 60,
      REPLAY_START: '2024-01-01T00:00:00Z',
    });
    expect(problemsOf({ REPLAY_SPEED: 'fast' })[0]).toMatch(/^REPLAY_SPEED/);
    expect(problemsOf({ REPLAY_START: 'yesterday' })[0]).toMatch(/^REPLAY_START/);
  });

  it('refuses an AWS_ENDPOINT_URL that is not a URL', () => {
    expect(problemsOf({ AWS_ENDPOINT_URL: 'localhost 4566' })[0]).toMatch(/^AWS_ENDPOINT_URL/);
  });
});
