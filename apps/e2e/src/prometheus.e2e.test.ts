import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestBus } from '@autoscale/bus/testing';
import type { TestBus } from '@autoscale/bus/testing';
import { testDatabaseUrl } from '@autoscale/db/testing';
import {
  ensurePrometheusInstalled,
  eventually,
  freePort,
  getJson,
  startAlertmanager,
  startNodeExporter,
  startPrometheus,
} from '@autoscale/testing';
import type { ScrapeJob, TestPrometheus, ToolProcess } from '@autoscale/testing';
import { startService, stopService, systemEnv } from './testing/index';
import type { RunningService } from './testing/index';

type Resources = {
  resources: Array<{
    resourceId: string;
    provider: string;
    cpu: number | null;
    mem: number | null;
    labels: Record<string, string>;
  }>;
};
type Forecasts = { forecasts: Array<{ metric: string }> };
type Alerts = {
  alerts: Array<{ kind: string; metric: string; deliveries: Array<{ channel: string; status?: string }> }>;
};
type AmAlert = {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string;
  status: { state: string };
};
type PromAnswer = {
  status: string;
  data: {
    result: Array<{ metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>;
  };
};

/** node_exporter's own numbers, read from its /metrics page. */
async function nodeExporterReading(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (name: string) =>
    Number(/^(\S+) (\S+)$/m.exec(text.split('\n').find((l) => l.startsWith(`${name} `)) ?? '')?.[2]);
  const idle = text
    .split('\n')
    .filter((l) => l.startsWith('node_cpu_seconds_total{') && l.includes('mode="idle"'))
    .map((l) => Number(l.split(' ').at(-1)));
  return {
    at: Date.now(),
    mem: 100 * (1 - value('node_memory_MemAvailable_bytes') / value('node_memory_MemTotal_bytes')),
    idle: idle.reduce((a, b) => a + b, 0),
    cpus: idle.length,
  };
}

describe('METRICS_PROVIDER=prometheus against a real Prometheus scraping node_exporter', () => {
  let bus: TestBus;
  let database: ReturnType<typeof testDatabaseUrl>;
  let sql: postgres.Sql;
  let node: ToolProcess;
  let prom: TestPrometheus;
  let jobs: ScrapeJob[];
  let api: string;
  let resourceId: string;
  let alertmanager: Awaited<ReturnType<typeof startAlertmanager>>;
  let rulesDir: string;
  const services: RunningService[] = [];

  beforeAll(async () => {
    ensurePrometheusInstalled();
    node = await startNodeExporter();
    resourceId = `127.0.0.1:${node.port}`;
    bus = await createTestBus();
    database = testDatabaseUrl();
    const port = await freePort();
    jobs = [
      { job: 'node', target: resourceId },
      { job: 'gateway', target: `127.0.0.1:${port}` },
    ];
    prom = await startPrometheus({ jobs });
    alertmanager = await startAlertmanager();
    // A forced breach: memory is always above 1 %; the rule matches the Prometheus label `job`.
    rulesDir = mkdtempSync(join(tmpdir(), 'autoscale-rules-'));
    writeFileSync(
      join(rulesDir, 'rules.yaml'),
      'rules:\n  - labels: { job: node }\n    metric: mem\n    threshold: 1\n',
    );
    const env = {
      ...systemEnv(bus, database.url, port),
      POLL_INTERVAL_SECONDS: '1',
      BACKFILL_HOURS: '1',
      METRICS_PROVIDER: 'prometheus',
      PROMETHEUS_URL: prom.url,
      PROMETHEUS_SELECTOR: 'job="node"',
      PROMETHEUS_RATE_WINDOW: '4s',
      ALERT_RULES_FILE: join(rulesDir, 'rules.yaml'),
      ALERTMANAGER_URL: alertmanager.url,
      ALERTMANAGER_RESEND_SEC: '2',
      PUBLIC_URL: 'https://cirm.example',
    };
    for (const name of ['api-gateway', 'forecaster', 'alerter']) services.push(startService(name, env));
    services.push(startService('collector', { ...env, LOG_LEVEL: 'info' }));
    api = `http://127.0.0.1:${port}/api`;
    sql = postgres(database.url, { max: 2, onnotice: () => undefined });
  });

  afterAll(async () => {
    if (process.env['E2E_DEBUG']) for (const s of services) console.log(s.name, s.output.join('').slice(-3000));
    await Promise.all(services.splice(0).map(stopService));
    await sql?.end({ timeout: 2 });
    await Promise.all([node?.stop(), prom?.stop(), alertmanager?.stop()]);
    await Promise.all([bus?.cleanup(), database?.drop(), prom?.cleanup(), alertmanager?.cleanup()]);
    if (rulesDir) rmSync(rulesDir, { recursive: true, force: true });
  });

  it("publishes the host's CPU and memory as node_exporter reports them, and forecasts them", async () => {
    const resource = await eventually(
      'the node_exporter instance in /api/resources',
      async () => {
        const res = await getJson<Resources>(`${api}/resources`);
        return res.body.resources?.find((r) => r.resourceId === resourceId && r.cpu !== null && r.mem !== null);
      },
      60_000,
    );
    expect(resource.provider).toBe('prometheus');
    expect(resource.labels).toEqual({ instance: resourceId, job: 'node' });

    const first = await nodeExporterReading(node.url);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const last = await nodeExporterReading(node.url);
    const ours = await sql<{ cpu: number; mem: number }[]>`
      select avg(cpu)::float8 as cpu, avg(mem)::float8 as mem from metrics
      where resource_id = ${resourceId} and ts > ${new Date(first.at + 4_000)} and ts <= ${new Date(last.at)}`;
    const cpuByHand = 100 * (1 - (last.idle - first.idle) / (((last.at - first.at) / 1000) * last.cpus));
    // Our memory average lies between node_exporter's readings at both ends (±2 points for
    // what moved in between); CPU is an average over slightly different windows on a shared machine.
    expect(ours[0]!.mem).toBeGreaterThan(Math.min(first.mem, last.mem) - 2);
    expect(ours[0]!.mem).toBeLessThan(Math.max(first.mem, last.mem) + 2);
    expect(Math.abs(ours[0]!.cpu - cpuByHand)).toBeLessThan(20);

    const forecasts = await eventually(
      'forecasts of the host',
      async () => {
        const res = await getJson<Forecasts>(`${api}/forecast?resource_id=${encodeURIComponent(resourceId)}`);
        return res.status === 200 && res.body.forecasts.length === 2 ? res.body.forecasts : undefined;
      },
      60_000,
    );
    expect(forecasts.map((f) => f.metric).sort()).toEqual(['cpu', 'mem']);
  });

  it("scrapes the gateway's /metrics: the target is up and the product's series are queryable", async () => {
    const up = await eventually(
      'up{job="gateway"} = 1',
      async () => {
        const res = await getJson<PromAnswer>(
          `${prom.url}/api/v1/query?query=${encodeURIComponent('up{job="gateway"}')}`,
        );
        return res.body.data.result[0]?.value?.[1] === '1' ? true : undefined;
      },
      30_000,
    );
    expect(up).toBe(true);
    const series = await getJson<PromAnswer>(
      `${prom.url}/api/v1/query?query=${encodeURIComponent('autoscale_service_up{job="gateway"}')}`,
    );
    expect(series.body.data.result.map((r) => r.metric['service'])).toContain('collector');
  });

  it("pages Alertmanager on a forced breach, with the documented labels and the resource's Prometheus labels", async () => {
    const fired = await eventually(
      'the Saturation alert in Alertmanager',
      async () => {
        const alerts = (
          await getJson<AmAlert[]>(`${alertmanager.url}/api/v2/alerts?filter=alertname%3D%22Saturation%22`)
        ).body;
        return alerts.find((a) => a.labels['resource'] === resourceId && a.labels['metric'] === 'mem');
      },
      90_000,
    );
    expect(fired.labels).toMatchObject({
      alertname: 'Saturation',
      resource: resourceId,
      metric: 'mem',
      severity: 'critical',
      instance: resourceId,
      job: 'node',
    });
    expect(fired.annotations).toMatchObject({ threshold: '1%', summary: expect.stringContaining(resourceId) });
    expect(fired.generatorURL).toBe(`https://cirm.example/#/resource/${encodeURIComponent(resourceId)}`);
    expect(fired.status.state).toBe('active');

    const alerts = await eventually(
      'the breach delivered to Alertmanager in /api/alerts',
      async () => {
        const res = await getJson<Alerts>(`${api}/alerts?resource_id=${encodeURIComponent(resourceId)}&kind=breach`);
        const breach = res.body.alerts.find((a) => a.metric === 'mem');
        return breach?.deliveries.some((d) => d.channel === 'alertmanager' && d.status === 'delivered')
          ? breach
          : undefined;
      },
      30_000,
    );
    expect(alerts.deliveries.map((d) => d.channel)).toEqual(['alertmanager']);
    const rules = await getJson<{ effective: { threshold: number } }>(
      `${api}/rules?resource_id=${encodeURIComponent(resourceId)}&metric=mem`,
    );
    expect(rules.body.effective.threshold).toBe(1);
  });

  it('refills the gap after Prometheus was down for 20 s, without storing anything twice', async () => {
    const stoppedAt = Date.now();
    await prom.stop();
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    prom = await startPrometheus({ jobs, port: prom.port, dataDir: prom.dataDir });
    const restartedAt = Date.now();
    const collector = services.find((s) => s.name === 'collector')!;
    await eventually(
      'the collector re-reading the gap',
      async () => (collector.output.join('').includes('Prometheus gap re-read') ? true : undefined),
      30_000,
    );
    await eventually(
      'samples after the restart',
      async () => {
        const rows = await sql<
          { n: number }[]
        >`select count(*)::int as n from metrics where resource_id = ${resourceId} and ts > ${new Date(restartedAt + 2_000)}`;
        return rows[0]!.n > 0 ? true : undefined;
      },
      30_000,
    );

    // Every point Prometheus itself now has around the outage is stored, once.
    const from = Math.floor((stoppedAt - 10_000) / 1000);
    const to = Math.floor((restartedAt + 2_000) / 1000);
    const query =
      '100 * (1 - last_over_time(node_memory_MemAvailable_bytes{job="node"}[4s]) / last_over_time(node_memory_MemTotal_bytes{job="node"}[4s]))';
    const range = await getJson<PromAnswer>(
      `${prom.url}/api/v1/query_range?query=${encodeURIComponent(query)}&start=${from}&end=${to}&step=1s`,
    );
    const promTimes = (range.body.data.result[0]?.values ?? []).map(([t]) => t * 1000);
    expect(promTimes.some((t) => t > stoppedAt && t < restartedAt - 5_000)).toBe(true); // the points of the outage's edge
    const rows = await sql<
      { ts: Date }[]
    >`select ts from metrics where resource_id = ${resourceId} and ts >= ${new Date(from * 1000)} and ts <= ${new Date(to * 1000)} and mem is not null`;
    const stored = rows.map((r) => r.ts.getTime());
    expect(promTimes.filter((t) => !stored.includes(t))).toEqual([]);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.every((t) => t % 1000 === 0)).toBe(true);
  });
});
