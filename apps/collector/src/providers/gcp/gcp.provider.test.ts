import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogger } from '@autoscale/testing';
import { startFakeMonitoring } from '@autoscale/testing';
import type { FakeInstance, FakeMonitoring } from '@autoscale/testing';
import { createGcpProvider } from './gcp.provider';
import type { GcpProviderOptions } from './gcp.provider';

const NOW = new Date('2024-05-01T10:07:30Z');
const MINUTE = 60_000;
const CPU = 'compute.googleapis.com/instance/cpu/utilization';
const MEM = 'agent.googleapis.com/memory/percent_used';

const WEB: FakeInstance = { id: '1111111111111111111', zone: 'europe-west1-b', name: 'web-1' };
const DB: FakeInstance = { id: '2222222222222222222', zone: 'europe-west1-c', name: 'db-1' };

/** Per-minute raw points for the last 8 hours: CPU as the API has it (a fraction), memory in percent. */
function points(values: Record<string, { cpu?: number; mem?: number }>) {
  return (metricType: string, instanceId: string) => {
    const value =
      metricType === CPU ? values[instanceId]?.cpu : metricType === MEM ? values[instanceId]?.mem : undefined;
    if (value === undefined) return [];
    return Array.from({ length: 8 * 60 }, (_, k) => ({ ts: new Date(NOW.getTime() - (k + 1) * MINUTE), value }));
  };
}

describe('gcp provider', () => {
  let server: FakeMonitoring | undefined;
  const logs = captureLogger();

  beforeEach(() => {
    logs.lines.length = 0;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function provider(
    instances: FakeInstance[],
    values: Parameters<typeof points>[0],
    extra: Partial<GcpProviderOptions> & { pageSize?: number } = {},
  ) {
    server = await startFakeMonitoring({
      project: 'demo-project',
      instances,
      points: points(values),
      ...(extra.pageSize ? { pageSize: extra.pageSize } : {}),
    });
    return createGcpProvider({
      projectId: 'demo-project',
      instanceIds: instances.map((i) => i.id),
      intervalMs: 5 * MINUTE,
      apiEndpoint: server.endpoint,
      retry: { attempts: 4, baseMs: 5, maxMs: 20 },
      log: logs.log,
      ...extra,
    });
  }

  it('lists CPU utilization and memory percent_used (state used) of the instances, aligned with ALIGN_MEAN to the poll interval', async () => {
    const gcp = await provider([WEB, DB], { [WEB.id]: { cpu: 0.425, mem: 61.5 }, [DB.id]: { cpu: 0.9, mem: 80 } });

    await gcp.poll(NOW);

    expect(server?.requests).toHaveLength(2);
    const [cpu, mem] = server?.requests ?? [];
    expect(cpu?.path).toBe('/v3/projects/demo-project/timeSeries');
    expect(cpu?.params.get('filter')).toBe(
      `metric.type = "${CPU}" AND resource.type = "gce_instance" AND (resource.labels.instance_id = "${WEB.id}" OR resource.labels.instance_id = "${DB.id}")`,
    );
    expect(mem?.params.get('filter')).toBe(
      `metric.type = "${MEM}" AND resource.type = "gce_instance" AND metric.labels.state = "used" AND (resource.labels.instance_id = "${WEB.id}" OR resource.labels.instance_id = "${DB.id}")`,
    );
    expect(cpu?.params.get('aggregation.alignmentPeriod')).toBe('300s');
    // numeric enums in REST mode: ALIGN_MEAN = 12
    expect(['12', 'ALIGN_MEAN']).toContain(cpu?.params.get('aggregation.perSeriesAligner'));
    expect(Date.parse(cpu?.params.get('interval.startTime') ?? '')).toBe(Date.parse('2024-05-01T09:50:00Z'));
    expect(Date.parse(cpu?.params.get('interval.endTime') ?? '')).toBe(Date.parse('2024-05-01T10:05:00Z'));
  });

  it('turns the CPU fraction into percent and joins it with memory, labelled with zone and name', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.425, mem: 61.5 } });

    const samples = await gcp.poll(NOW);

    expect(samples).toEqual(
      ['09:55', '10:00', '10:05'].map((hhmm) => ({
        resourceId: WEB.id,
        ts: new Date(`2024-05-01T${hhmm}:00Z`),
        metrics: { cpu: 42.5, mem: 61.5 },
        labels: { zone: 'europe-west1-b', instance_name: 'web-1' },
      })),
    );
  });

  it('sends no credentials to a plain-HTTP emulator endpoint', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5 } });

    await gcp.poll(NOW);

    expect(server?.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('reads every page', async () => {
    const gcp = await provider(
      [WEB, DB],
      { [WEB.id]: { cpu: 0.1, mem: 10 }, [DB.id]: { cpu: 0.2, mem: 20 } },
      { pageSize: 1 },
    );

    const samples = await gcp.poll(NOW);

    expect(server?.requests.map((r) => r.params.get('pageToken'))).toEqual([null, '1', null, '1']);
    expect(samples.filter((s) => s.resourceId === DB.id).map((s) => s.metrics)).toEqual([
      { cpu: 20, mem: 20 },
      { cpu: 20, mem: 20 },
      { cpu: 20, mem: 20 },
    ]);
  });

  it('asks for at most 20 instances per request', async () => {
    const many = Array.from({ length: 45 }, (_, i) => ({
      id: String(1_000 + i),
      zone: 'us-central1-a',
      name: `vm-${i}`,
    }));
    const gcp = await provider(many, Object.fromEntries(many.map((m) => [m.id, { cpu: 0.3, mem: 30 }])));

    const samples = await gcp.poll(NOW);

    const counts = server?.requests.map((r) => [...(r.params.get('filter') ?? '').matchAll(/instance_id/g)].length);
    expect(counts).toEqual([20, 20, 5, 20, 20, 5]);
    expect(new Set(samples.map((s) => s.resourceId)).size).toBe(45);
  });

  it('retries a rate-limited (429) page with backoff, then returns the data', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5, mem: 50 } });
    server?.failNext('rateLimited', 2);

    const samples = await gcp.poll(NOW);

    expect(server?.requests).toHaveLength(4);
    expect(samples).toHaveLength(3);
  });

  it('on permission denied logs the role to grant once and returns nothing, without throwing', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5, mem: 50 } });
    server?.failNext('permissionDenied', 10);

    await expect(gcp.poll(NOW)).resolves.toEqual([]);

    expect(server?.requests).toHaveLength(1);
    const errors = logs.at('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain('roles/monitoring.viewer');
  });

  it('on refused credentials points at Application Default Credentials', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5, mem: 50 } });
    server?.failNext('unauthenticated', 10);

    await expect(gcp.poll(NOW)).resolves.toEqual([]);
    expect(logs.at('error')[0]?.msg).toContain('Application Default Credentials');
  });

  it('throws when the API stays unavailable past the retries', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5, mem: 50 } });
    server?.failNext('unavailable', 10);

    await expect(gcp.poll(NOW)).rejects.toThrow();
    expect(server?.requests).toHaveLength(4);
  });

  it('publishes CPU alone for an instance without the Ops Agent, and warns about unknown instances', async () => {
    const ghost: FakeInstance = { id: '9999', zone: 'x', name: 'ghost' };
    const gcp = await provider([WEB, ghost], { [WEB.id]: { cpu: 0.5 } });

    const samples = await gcp.poll(NOW);

    expect(samples.map((s) => s.metrics)).toEqual([{ cpu: 50 }, { cpu: 50 }, { cpu: 50 }]);
    expect(logs.at('warn')[0]?.resources).toEqual(['9999']);
    expect(logs.at('info')[0]?.resources).toEqual([WEB.id]);
  });

  it('backfills the requested hours on period boundaries, oldest first', async () => {
    const gcp = await provider([WEB], { [WEB.id]: { cpu: 0.5, mem: 50 } });

    const history = (await gcp.history?.(new Date(NOW.getTime() - 6 * 3_600_000), NOW)) ?? [];

    expect(Date.parse(server?.requests[0]?.params.get('interval.startTime') ?? '')).toBe(
      Date.parse('2024-05-01T04:10:00Z'),
    );
    expect(history).toHaveLength(71);
    expect(history[0]?.ts).toEqual(new Date('2024-05-01T04:15:00Z'));
    expect(history.at(-1)?.ts).toEqual(new Date('2024-05-01T10:05:00Z'));
  });
});
