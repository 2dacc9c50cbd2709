import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { busNames, busPermissions } from '@autoscale/contracts';
import { natsAuthorizationManifest, passwordVariableOf } from '@autoscale/bus';
import { secretProblem, SECRET_VARIABLES } from '@autoscale/config';
import { renderKustomization } from './kustomize';
import type { K8sObject } from './kustomize';
import { containerEnv, dataOf, podSpec, WORKLOAD_KINDS } from './pod-env';
import type { Container } from './pod-env';
import { generatedProductionSecrets } from './production-secrets';
import { ROOT } from './repo';
import { SERVICES } from './service-schemas';

const overlay = renderKustomization(join(ROOT, 'k8s', 'overlays', 'production'));
const production = [...overlay, ...generatedProductionSecrets()];
const find = (kind: string, name: string) => production.find((o) => o.kind === kind && o.metadata.name === name);
const config = dataOf(find('ConfigMap', 'autoscale-config')!);

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
};
type Peer = { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string } };
type Rule = { from?: Peer[]; to?: Peer[]; ports?: Array<{ port: number }> };
type PolicySpec = { podSelector: LabelSelector; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] };

const policies = production
  .filter((o) => o.kind === 'NetworkPolicy')
  .map((o) => ({ name: o.metadata.name, spec: o['spec'] as PolicySpec }));
const selects = (selector: LabelSelector, labels: Record<string, string>) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (selector.matchExpressions ?? []).every((e) => e.operator === 'In' && (e.values ?? []).includes(labels[e.key] ?? ''));
const workloads = production.filter((o) => WORKLOAD_KINDS.includes(o.kind));
const labelsOf = (w: K8sObject) =>
  (w['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const podLabels = (name: string) => ({ 'app.kubernetes.io/name': name });
/** Pods allowed in on `port` of pods labelled `target`, by the policies' pod selectors. */
const allowedIn = (target: string, port: number) =>
  policies
    .filter((p) => selects(p.spec.podSelector, podLabels(target)))
    .flatMap((p) => p.spec.ingress ?? [])
    .filter((r) => (r.ports ?? []).some((p) => p.port === port))
    .flatMap((r) => r.from ?? []);
const egressPorts = (source: string) =>
  policies
    .filter((p) => Object.keys(p.spec.podSelector).length > 0 && selects(p.spec.podSelector, podLabels(source)))
    .flatMap((p) => p.spec.egress ?? [])
    .flatMap((r) => (r.ports ?? []).map((p) => p.port));

describe('k8s/overlays/production network policies', () => {
  it('deny everything in the namespace by default, in and out', () => {
    expect(policies.find((p) => p.name === 'default-deny')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
  });

  it.each(workloads.map((w) => [w.metadata.name, w] as const))(
    'give %s a policy of its own that states what it may reach',
    (_name, workload) => {
      const own = policies.filter(
        (p) => Object.keys(p.spec.podSelector).length > 0 && selects(p.spec.podSelector, labelsOf(workload)),
      );
      expect(own.flatMap((p) => p.spec.policyTypes)).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    },
  );

  it('let only the four services reach NATS clients, and only NATS servers reach its routes', () => {
    const clients = ['collector', 'forecaster', 'alerter', 'api-gateway', 'nats', 'postgres', 'intruder'].filter(
      (name) =>
        allowedIn('nats', 4222).some(
          (peer) => !peer.namespaceSelector && peer.podSelector && selects(peer.podSelector, podLabels(name)),
        ),
    );
    expect(clients).toEqual([...SERVICES]);
    expect(allowedIn('nats', 4222).every((peer) => !peer.ipBlock)).toBe(true);
    expect(allowedIn('nats', 6222)).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'nats' } } }]);
  });

  it('let the gateway be reached on its port only from the ingress namespace', () => {
    expect(allowedIn('api-gateway', Number(config['PORT']))).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': expect.any(String) } } },
    ]);
    for (const service of ['collector', 'forecaster', 'alerter']) expect(allowedIn(service, 8000), service).toEqual([]);
  });

  it('let only the gateway reach PostgreSQL, and open out-of-cluster ports only where used', () => {
    expect(egressPorts('api-gateway').sort((a, b) => a - b)).toEqual([4222, 5432]);
    expect(egressPorts('collector').sort((a, b) => a - b)).toEqual([443, 4222]);
    expect(egressPorts('alerter').sort((a, b) => a - b)).toEqual([443, 465, 587, 4222]);
    expect(egressPorts('forecaster')).toEqual([4222]);
  });
});

describe('k8s/overlays/production NATS', () => {
  const conf = dataOf(find('ConfigMap', 'nats-config')!)['nats.conf'] ?? '';
  const nats = podSpec(find('StatefulSet', 'nats')!);
  const container = nats.containers[0] as Container & { volumeMounts: Array<{ name: string; mountPath: string }> };
  const volume = (name: string) =>
    (nats.volumes ?? []).find((v) => v.name === name) as
      Record<string, { secretName?: string; name?: string }> | undefined;
  const mountOf = (path: string) => container.volumeMounts.find((m) => path.startsWith(`${m.mountPath}/`));
  // nats-server resolves `include` against the directory of nats.conf (/etc/nats).
  const included = (relative: string) => join('/etc/nats', relative);

  it('speaks TLS to clients and between servers, with a certificate from a Secret', () => {
    const tlsBlocks = conf.match(/tls \{[^}]*\}/g) ?? [];
    expect(tlsBlocks).toHaveLength(2);
    for (const file of ['/etc/nats-tls/tls.crt', '/etc/nats-tls/tls.key', '/etc/nats-tls/ca.crt']) {
      expect(conf).toContain(file);
      expect(volume(mountOf(file)!.name)?.['secret']?.secretName).toBe('nats-tls');
    }
    expect(config['NATS_URL']).toMatch(/^tls:\/\//);
  });

  it('admits only the generated users, whose permissions match libs/contracts (npm run nats:authorization)', () => {
    const include = conf.match(/^\s*include (\S+)$/m)?.[1] ?? '';
    expect(volume(mountOf(included(include))!.name)?.['configMap']?.name).toBe('nats-authorization');
    const names = busNames(config['BUS_NAMESPACE'] ?? '', Number(config['FORECASTER_PARTITIONS']));
    const committed = readFileSync(join(ROOT, 'k8s/overlays/production/nats-authorization.yaml'), 'utf8');
    expect(committed, 'run `npm run nats:authorization`').toBe(natsAuthorizationManifest(busPermissions(names)));
    expect(parseYaml(committed)).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'nats-authorization' } });
    const env = containerEnv(container, production);
    // nats-server parses these environment values as configuration: a leading digit would not parse.
    for (const service of SERVICES) expect(env[passwordVariableOf(service)], service).toMatch(/^[a-z][a-z0-9]{23,}$/);
  });

  it.each(SERVICES)(
    'connects %s as its own user, with its password from a Secret and the CA of the certificate',
    (service) => {
      const workload = find('Deployment', service)!;
      const spec = podSpec(workload);
      const serviceContainer = spec.containers[0] as Container & {
        volumeMounts: Array<{ name: string; mountPath: string }>;
      };
      const env = containerEnv(serviceContainer, production);
      expect(env['NATS_USER']).toBe(service);
      expect(serviceContainer.env?.find((v) => v.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
        name: 'nats-users',
        key: service,
      });
      expect(env['NATS_PASSWORD']).toBe(containerEnv(container, production)[passwordVariableOf(service)]);
      const ca = env['NATS_TLS_CA'] ?? '';
      const mount = serviceContainer.volumeMounts.find((m) => ca.startsWith(`${m.mountPath}/`));
      expect((spec.volumes ?? []).find((v) => v.name === mount?.name)?.['secret']).toMatchObject({
        secretName: 'nats-tls',
      });
    },
  );
});

describe('k8s/overlays/production secrets', () => {
  it('ships no Secret: the operator generates them (scripts/production-secrets.sh)', () => {
    expect(overlay.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([]);
  });

  it('generates no placeholder and no short token', () => {
    const problems = production
      .filter((o) => o.kind === 'Secret')
      .flatMap((secret) =>
        Object.entries(dataOf(secret)).flatMap(([key, value]) => {
          if (value === '') return [];
          const name = (key in SECRET_VARIABLES ? key : 'NATS_PASSWORD') as keyof typeof SECRET_VARIABLES;
          const problem = secretProblem(name, value);
          return problem ? [`${secret.metadata.name}/${key}: ${problem}`] : [];
        }),
      );
    expect(problems).toEqual([]);
  });

  it('refuses to generate them from a placeholder database URL', () => {
    const run = () => generatedProductionSecrets('postgres://autoscale:CHANGE-ME@db.internal:5432/autoscale');
    expect(run).toThrow(/DATABASE_URL holds a placeholder/);
  });
});
