import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderKustomization } from './kustomize';
import type { K8sObject } from './kustomize';
import { containerEnv, dataOf, podSpec } from './pod-env';
import type { Container } from './pod-env';
import { generatedProductionSecrets } from './production-secrets';
import { ROOT } from './repo';
import { configProblems, loadServiceSchemas, SERVICES } from './service-schemas';
import type { EnvSchema, ServiceName } from './service-schemas';

const render = (build: string) => renderKustomization(join(ROOT, 'k8s', build));
const demo = render('overlays/demo');
// The operator's Secrets, generated as documented: the overlay holds none.
const production = [...render('overlays/production'), ...generatedProductionSecrets()];
const prometheus = [...render('overlays/prometheus'), ...generatedProductionSecrets()];

const find = (objects: K8sObject[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);
const serviceContainer = (objects: K8sObject[], service: ServiceName) =>
  podSpec(find(objects, 'Deployment', service)!).containers[0] as Container;
const config = (objects: K8sObject[]) => dataOf(find(objects, 'ConfigMap', 'autoscale-config')!);

/** Variables the services read that no schema declares yet, or that the SDKs read themselves. */
const KNOWN_ELSEWHERE = new Set<string>([]);
/** Variable names that carry credentials: only ever from a Secret. */
const SECRET_NAME = /PASS|PASSWORD|TOKEN|SECRET|WEBHOOK|DATABASE_URL|PRIVATE|CREDENTIALS/;

let schemas: Record<ServiceName, EnvSchema>;
beforeAll(async () => {
  schemas = await loadServiceSchemas(ROOT);
});

describe.each([
  ['demo', demo],
  ['production', production],
  ['prometheus', prometheus],
] as const)('k8s/overlays/%s configuration', (_name, objects) => {
  it.each(SERVICES)('starts %s: its config schema accepts the environment of its container', (service) => {
    const env = containerEnv(serviceContainer(objects, service), objects);
    expect(configProblems(schemas[service], env)).toEqual([]);
  });

  it('sets only variables some service knows, so a misspelt name cannot hide', () => {
    const known = new Set([...SERVICES.flatMap((s) => Object.keys(schemas[s].shape)), ...KNOWN_ELSEWHERE]);
    for (const service of SERVICES) {
      const unknown = Object.keys(containerEnv(serviceContainer(objects, service), objects)).filter(
        (name) => !known.has(name),
      );
      expect(unknown, service).toEqual([]);
    }
  });

  it('gives every service the same FORECASTER_PARTITIONS, STREAM_REPLICAS and BUS_NAMESPACE', () => {
    for (const name of ['FORECASTER_PARTITIONS', 'STREAM_REPLICAS', 'BUS_NAMESPACE']) {
      const values = new Set(
        SERVICES.map((service) => containerEnv(serviceContainer(objects, service), objects)[name]),
      );
      expect([...values], name).toHaveLength(1);
      expect([...values][0], name).toBeDefined();
    }
  });

  it('keeps every credential in a Secret: none in a ConfigMap, an env value or any other object', () => {
    const secrets = objects.filter((o) => o.kind === 'Secret');
    const secretValues = secrets.flatMap((s) => Object.values(dataOf(s))).filter((value) => value.length >= 6);
    for (const object of objects.filter((o) => o.kind !== 'Secret')) {
      const text = JSON.stringify(object);
      for (const value of secretValues)
        expect(text.includes(value), `${object.kind}/${object.metadata.name} holds a Secret value`).toBe(false);
      expect(text, `${object.kind}/${object.metadata.name} holds a URL with a password`).not.toMatch(
        /:\/\/[^/:@"]+:[^/@"]+@/,
      );
    }
    expect(Object.keys(config(objects)).filter((name) => SECRET_NAME.test(name))).toEqual([]);
    const literalEnv = objects
      .filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind))
      .flatMap((w) =>
        podSpec(w).containers.flatMap((c) =>
          (c.env ?? []).filter((v) => SECRET_NAME.test(v.name) && v.value !== undefined),
        ),
      );
    expect(literalEnv).toEqual([]);
  });

  it('points NATS_URL at the NATS Service and its client port', () => {
    const url = new URL(config(objects)['NATS_URL'] ?? '');
    const service = find(objects, 'Service', url.hostname);
    const ports = (service?.['spec'] as { ports: Array<{ port: number }> } | undefined)?.ports.map((p) => p.port);
    expect(ports).toContain(Number(url.port));
  });

  it('mounts the database Secret only into the gateway, and delivery credentials only where used', () => {
    const secretRefs = (service: ServiceName) =>
      (serviceContainer(objects, service).envFrom ?? []).flatMap((f) => (f.secretRef ? [f.secretRef.name] : []));
    expect(secretRefs('api-gateway').sort()).toEqual(['autoscale-database', 'autoscale-secrets']);
    expect(secretRefs('alerter')).toEqual(['autoscale-secrets']);
    // Only Prometheus credentials, when the provider is Prometheus behind authentication.
    expect(secretRefs('collector')).toEqual(['autoscale-prometheus']);
    expect(secretRefs('forecaster')).toEqual([]);
  });

  it('probes the services without HTTP through the liveness file they are told to write', () => {
    for (const service of ['collector', 'forecaster', 'alerter'] as const) {
      const container = serviceContainer(objects, service);
      const file = containerEnv(container, objects)['LIVENESS_FILE'];
      for (const kind of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const command = (container[kind] as { exec: { command: string[] } }).exec.command;
        expect(command.slice(0, 3), `${service} ${kind}`).toEqual(['node', 'scripts/probe-liveness.mjs', file]);
      }
    }
  });
});

describe('k8s/overlays/demo', () => {
  it('simulates machines and runs its own single NATS and PostgreSQL', () => {
    expect(config(demo)['SIM_RESOURCES']).not.toBe('0');
    expect((find(demo, 'StatefulSet', 'nats')?.['spec'] as { replicas: number }).replicas).toBe(1);
    expect(find(demo, 'StatefulSet', 'postgres')).toBeDefined();
  });

  it('connects the gateway to the in-cluster PostgreSQL with the password that PostgreSQL is given', () => {
    const url = new URL(dataOf(find(demo, 'Secret', 'autoscale-database')!)['DATABASE_URL'] ?? '');
    const postgres = podSpec(find(demo, 'StatefulSet', 'postgres')!).containers[0] as Container;
    const env = containerEnv(postgres, demo);
    expect(url.hostname).toBe('postgres');
    expect(decodeURIComponent(url.password)).toBe(env['POSTGRES_PASSWORD']);
    expect(url.pathname).toBe(`/${env['POSTGRES_DB']}`);
  });
});

describe('k8s/overlays/prometheus', () => {
  it('reads the pods from the in-cluster Prometheus and pages its Alertmanager', () => {
    expect(config(prometheus)).toMatchObject({ METRICS_PROVIDER: 'prometheus', PROMETHEUS_PRESET: 'kubernetes-pods' });
    expect(new URL(config(prometheus)['PROMETHEUS_URL'] ?? '').port).toBe('9090');
    expect(new URL(config(prometheus)['ALERTMANAGER_URL'] ?? '').port).toBe('9093');
  });
});

describe('k8s/overlays/production', () => {
  it('watches real machines: a cloud provider, no simulator, no local host', () => {
    expect(['aws', 'gcp']).toContain(config(production)['METRICS_PROVIDER']);
    expect(config(production)['SIM_RESOURCES']).toBe('0');
  });

  it('runs a three-node JetStream cluster whose routes name every server, and keeps 3 copies of each stream', () => {
    const nats = find(production, 'StatefulSet', 'nats')!;
    const spec = nats['spec'] as { replicas: number; serviceName: string };
    expect(spec.replicas).toBe(3);
    const conf = dataOf(find(production, 'ConfigMap', 'nats-config')!)['nats.conf'] ?? '';
    for (const ordinal of [0, 1, 2])
      expect(conf).toContain(`nats://nats-${ordinal}.${spec.serviceName}.autoscale.svc.cluster.local:6222`);
    expect(find(production, 'Service', spec.serviceName)?.['spec']).toMatchObject({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
    });
    expect(config(production)['STREAM_REPLICAS']).toBe('3');
  });

  it('uses a managed PostgreSQL from the Secret, not one in the cluster', () => {
    expect(find(production, 'StatefulSet', 'postgres')).toBeUndefined();
    const url = new URL(dataOf(find(production, 'Secret', 'autoscale-database')!)['DATABASE_URL'] ?? '');
    expect(url.hostname).not.toBe('postgres');
  });

  it('runs forecaster and alerter replicas that share the work by partition', () => {
    for (const service of ['forecaster', 'alerter'] as const) {
      expect((find(production, 'Deployment', service)?.['spec'] as { replicas: number }).replicas).toBeGreaterThan(1);
    }
    expect(Number(config(production)['FORECASTER_PARTITIONS'])).toBeGreaterThanOrEqual(3);
  });

  it("binds the collector's ServiceAccount to a cloud identity (IRSA or Workload Identity)", () => {
    const annotations = find(production, 'ServiceAccount', 'collector')?.metadata.annotations ?? {};
    expect(
      Object.keys(annotations).some(
        (key) => key === 'eks.amazonaws.com/role-arn' || key === 'iam.gke.io/gcp-service-account',
      ),
    ).toBe(true);
  });
});
