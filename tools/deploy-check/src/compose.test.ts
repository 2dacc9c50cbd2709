import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpolate, loadCompose } from './compose';
import { ROOT, VERSION } from './repo';
import { configProblems, loadServiceSchemas, SERVICES } from './service-schemas';
import type { EnvSchema, ServiceName } from './service-schemas';

/** What a user puts in .env before `docker compose up`: the one variable without a default. */
const DOT_ENV = { POSTGRES_PASSWORD: 'a-long-random-password' };
const BASE = join(ROOT, 'docker-compose.yml');
const DEMO = join(ROOT, 'compose.demo.yml');
const compose = loadCompose([BASE], DOT_ENV);
const demo = loadCompose([BASE, DEMO], DOT_ENV);
const envOf = (model: typeof compose, service: string) =>
  Object.fromEntries(
    Object.entries(model.services[service]?.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );

let schemas: Record<ServiceName, EnvSchema>;
beforeAll(async () => {
  schemas = await loadServiceSchemas(ROOT);
});

describe('interpolate', () => {
  it('reads ${VAR:-default}, ${VAR-default}, ${VAR:?error} and $$ as Compose does', () => {
    expect(interpolate('${A:-x} ${B-y} ${C:-z} $$', { A: 'a', B: '', C: '' })).toBe('a  z $');
    expect(() => interpolate('${P:?set P}', { P: '' })).toThrow('P: set P');
  });
});

describe('docker-compose.yml', () => {
  it('refuses to start without POSTGRES_PASSWORD rather than using a default password', () => {
    expect(() => loadCompose([BASE], {})).toThrow(/POSTGRES_PASSWORD/);
    expect(readFileSync(BASE, 'utf8')).not.toMatch(/:\/\/[^/:@\s]+:[^$/@\s]+@/);
  });

  it.each(SERVICES)(
    'passes %s every variable its config schema knows, and the schema accepts the result',
    (service) => {
      const env = envOf(compose, service);
      const missing = Object.keys(schemas[service].shape).filter((name) => !(name in env));
      expect(missing).toEqual([]);
      expect(configProblems(schemas[service], env)).toEqual([]);
    },
  );

  it('is honest by default, also with .env copied from .env.example: the Docker host only, no simulated machines', () => {
    expect(envOf(compose, 'collector')).toMatchObject({ METRICS_PROVIDER: 'local', SIM_RESOURCES: '0' });
    const example = Object.fromEntries(
      [...readFileSync(join(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Z0-9_]+)=(.*)$/gm)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    const copied = loadCompose([BASE], { ...example, ...DOT_ENV });
    expect(envOf(copied, 'collector')).toMatchObject({ METRICS_PROVIDER: 'local', SIM_RESOURCES: '0' });
    for (const service of SERVICES)
      expect(configProblems(schemas[service], envOf(copied, service)), service).toEqual([]);
  });

  it('binds every published port to 127.0.0.1, each one configurable', () => {
    const ports = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThanOrEqual(4);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    const raw = loadCompose([BASE], {
      ...DOT_ENV,
      API_PORT: '18000',
      NATS_PORT: '14222',
      POSTGRES_PORT: '15432',
      NATS_MONITOR_PORT: '18222',
    });
    expect(
      Object.values(raw.services)
        .flatMap((s) => s.ports ?? [])
        .sort(),
    ).toEqual(['127.0.0.1:18000:8000', '127.0.0.1:14222:4222', '127.0.0.1:18222:8222', '127.0.0.1:15432:5432'].sort());
  });

  it('runs NATS with JetStream on a volume, and checks its health with JetStream enabled', () => {
    const nats = compose.services['nats']!;
    expect(nats.image).toMatch(/^nats:2\.1\d/);
    expect(nats['command']).toEqual(expect.arrayContaining(['--jetstream', '--store_dir', '/data']));
    expect(nats['volumes']).toEqual(['nats-data:/data']);
    expect(nats.healthcheck?.test.join(' ')).toContain('/healthz?js-enabled-only=true');
    expect(compose.services['postgres']?.healthcheck?.test).toContain('pg_isready');
  });

  it('starts each service after healthy dependencies, with a healthcheck of its own', () => {
    for (const service of SERVICES) {
      const spec = compose.services[service]!;
      expect(spec.depends_on?.['nats'], service).toEqual({ condition: 'service_healthy' });
      expect(spec.healthcheck?.test[0], service).toBe('CMD');
    }
    expect(compose.services['api-gateway']?.depends_on?.['postgres']).toEqual({ condition: 'service_healthy' });
  });

  it('builds each service from its Dockerfile target into the image the manifests name', () => {
    for (const service of SERVICES) {
      expect(compose.services[service]?.build).toEqual({ context: '.', target: service });
      expect(compose.services[service]?.image).toBe(`autoscale-cirm/${service}:${VERSION}`);
    }
  });

  it('runs the services read-only, without capabilities, with /tmp for the liveness file', () => {
    for (const service of SERVICES) {
      expect(compose.services[service], service).toMatchObject({ read_only: true, cap_drop: ['ALL'], tmpfs: ['/tmp'] });
      expect(envOf(compose, service)['LIVENESS_FILE']).toBe('/tmp/autoscale.alive');
    }
  });
});

describe('compose.demo.yml', () => {
  it('adds simulated machines to the collector and nothing else changes provider', () => {
    expect(Number(envOf(demo, 'collector')['SIM_RESOURCES'])).toBeGreaterThan(0);
    expect(configProblems(schemas.collector, envOf(demo, 'collector'))).toEqual([]);
    expect(envOf(demo, 'api-gateway')['POLL_INTERVAL_SECONDS']).toBe(envOf(demo, 'collector')['POLL_INTERVAL_SECONDS']);
  });
});

describe('.env.example', () => {
  it('lists every variable the compose file reads from .env', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const read = new Set([...readFileSync(BASE, 'utf8').matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]));
    expect([...read].filter((name) => !listed.has(name))).toEqual([]);
  });
});
