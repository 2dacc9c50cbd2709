import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, freePort } from './http';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Installs Debian's prometheus, prometheus-node-exporter and prometheus-alertmanager when one
 * is missing (`scripts/ensure-prometheus.sh`). The system services the packages start are
 * never used: every test starts its own processes on free ports with their own data.
 */
export function ensurePrometheusInstalled(): void {
  execFileSync('bash', [`${ROOT}scripts/ensure-prometheus.sh`], { stdio: 'inherit' });
}

/** A real server process started by a test, with where it listens and what it printed. */
export type ToolProcess = { url: string; port: number; output: string[]; stop(): Promise<void> };

function run(bin: string, args: string[], url: string, port: number, ready: string): Promise<ToolProcess> {
  const output: string[] = [];
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (c: Buffer) => {
    output.push(c.toString('utf8'));
    if (output.length > 300) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const started = eventually(
    `${bin} on port ${port}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`${bin} exited: ${output.join('').slice(-500)}`);
      const res = await fetch(`${url}${ready}`).catch(() => undefined);
      return res?.ok ? { url, port, output, stop } : undefined;
    },
    30_000,
  );
  // A process that never became ready is not left running behind the failed test.
  return started.catch(async (error: unknown) => {
    await stop();
    throw error;
  });
}

/**
 * Debian's node_exporter on a free loopback port, only the CPU and memory collectors.
 *
 * @example
 * const node = await startNodeExporter(); // node.url → http://127.0.0.1:PORT
 */
export async function startNodeExporter(): Promise<ToolProcess> {
  const port = await freePort();
  const args = [
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    '--collector.cpu',
    '--collector.meminfo',
  ];
  return run('prometheus-node-exporter', args, `http://127.0.0.1:${port}`, port, '/metrics');
}

export type ScrapeJob = { job: string; target: string; path?: string };
export type PrometheusOptions = {
  jobs: ScrapeJob[];
  port?: number;
  dataDir?: string;
};
export type TestPrometheus = ToolProcess & { dataDir: string; port: number; cleanup(): Promise<void> };

/**
 * Debian's Prometheus on a free loopback port (or `port`, to restart one on the same address),
 * scraping `jobs` every second, its TSDB in `dataDir` (a fresh temporary one by default).
 *
 * @example
 * const prom = await startPrometheus({ jobs: [{ job: 'node', target: '127.0.0.1:9100' }] });
 * await prom.stop(); const again = await startPrometheus({ jobs, port: prom.port, dataDir: prom.dataDir });
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<TestPrometheus> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'autoscale-prom-'));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    ...opts.jobs.flatMap((j) => [
      `  - job_name: ${j.job}`,
      `    metrics_path: ${j.path ?? '/metrics'}`,
      '    static_configs:',
      `      - targets: ['${j.target}']`,
    ]),
  ].join('\n');
  const file = join(dataDir, 'prometheus.yml');
  writeFileSync(file, `${config}\n`);
  const args = [
    `--config.file=${file}`,
    `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
  const proc = await run('prometheus', args, `http://127.0.0.1:${port}`, port, '/-/ready');
  return { ...proc, dataDir, port, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * Debian's Alertmanager on a free loopback port with its own data dir, no cluster peers, one
 * do-nothing receiver grouping by `alertname` and `resource`.
 *
 * @example
 * const am = await startAlertmanager(); // am.url → POST alerts to `${am.url}/api/v2/alerts`
 */
export async function startAlertmanager(): Promise<ToolProcess & { cleanup(): Promise<void> }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'autoscale-am-'));
  const file = join(dataDir, 'alertmanager.yml');
  writeFileSync(
    file,
    [
      'route:',
      '  receiver: none',
      "  group_by: ['alertname', 'resource']",
      '  group_wait: 1s',
      'receivers:',
      '  - name: none',
      '',
    ].join('\n'),
  );
  const args = [
    `--config.file=${file}`,
    `--storage.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    '--log.level=warn',
  ];
  const proc = await run('/usr/bin/prometheus-alertmanager', args, `http://127.0.0.1:${port}`, port, '/-/ready');
  return { ...proc, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
