import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaProblems } from './k8s-schema';
import { renderKustomization, splitImage } from './kustomize';
import type { K8sObject } from './kustomize';
import { podSpec, WORKLOAD_KINDS } from './pod-env';
import type { Container } from './pod-env';
import { ROOT, VERSION } from './repo';
import { SERVICES } from './service-schemas';

const BUILDS = ['base', 'overlays/demo', 'overlays/production', 'overlays/prometheus'] as const;
const rendered = Object.fromEntries(
  BUILDS.map((build) => [build, renderKustomization(join(ROOT, 'k8s', build))]),
) as Record<(typeof BUILDS)[number], K8sObject[]>;

const workloads = (objects: K8sObject[]) => objects.filter((o) => WORKLOAD_KINDS.includes(o.kind));
const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const templateLabels = (workload: K8sObject) =>
  (workload['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const selectorOf = (object: K8sObject) =>
  ((object['spec'] as { selector?: { matchLabels?: Record<string, string> } | Record<string, string> }).selector ??
    {}) as {
    matchLabels?: Record<string, string>;
  } & Record<string, string>;

/** `it.each` over every container of every workload of a build: `deployment/name container`. */
const containersOf = (objects: K8sObject[]) =>
  workloads(objects).flatMap((w) =>
    podSpec(w).containers.map((c) => ({ id: `${w.kind}/${w.metadata.name} ${c.name}`, workload: w, container: c })),
  );

describe.each(BUILDS)('k8s/%s', (build) => {
  const objects = rendered[build];

  it('renders, and every object validates against its Kubernetes schema', () => {
    expect(objects.length).toBeGreaterThan(10);
    const problems = objects.flatMap((o) => schemaProblems(o).map((p) => `${o.kind}/${o.metadata.name}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('puts every object in the autoscale namespace, labelled part-of autoscale-cirm', () => {
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
      expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe('autoscale');
    }
    for (const object of objects) {
      expect(object.metadata.labels?.['app.kubernetes.io/part-of'], `${object.kind}/${object.metadata.name}`).toBe(
        'autoscale-cirm',
      );
    }
  });

  it('gives every container requests and limits for CPU and memory', () => {
    for (const { id, container } of containersOf(objects)) {
      const resources = container['resources'] as
        { requests?: Record<string, string>; limits?: Record<string, string> } | undefined;
      expect(Object.keys(resources?.requests ?? {}).sort(), id).toEqual(['cpu', 'memory']);
      expect(Object.keys(resources?.limits ?? {}).sort(), id).toEqual(['cpu', 'memory']);
    }
  });

  it('gives every container a liveness and a readiness probe, on ports the container declares', () => {
    for (const { id, container } of containersOf(objects)) {
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const probe = container[kind] as
          { httpGet?: { port: string | number }; exec?: { command: string[] } } | undefined;
        if (kind !== 'startupProbe') expect(probe, `${id} ${kind}`).toBeDefined();
        if (!probe?.httpGet) continue;
        const ports = (
          (container['ports'] as Array<{ name: string; containerPort: number }> | undefined) ?? []
        ).flatMap((p) => [p.name, p.containerPort]);
        expect(ports, `${id} ${kind} port`).toContain(probe.httpGet.port);
      }
    }
  });

  it('runs every pod under the restricted Pod Security profile, with /tmp on an emptyDir', () => {
    for (const { id, workload, container } of containersOf(objects)) {
      const pod = podSpec(workload);
      const security = container['securityContext'] as Record<string, unknown> | undefined;
      expect(security, id).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(security?.['runAsNonRoot'] ?? pod.securityContext?.runAsNonRoot, `${id} runAsNonRoot`).toBe(true);
      const seccomp =
        (security?.['seccompProfile'] as { type: string } | undefined) ?? pod.securityContext?.seccompProfile;
      expect(seccomp?.type, `${id} seccomp`).toBe('RuntimeDefault');
      const tmp = ((container['volumeMounts'] as Array<{ name: string; mountPath: string }> | undefined) ?? []).find(
        (m) => m.mountPath === '/tmp',
      );
      expect(tmp, `${id} /tmp mount`).toBeDefined();
      expect(pod.volumes?.find((v) => v.name === tmp?.name)?.emptyDir, `${id} /tmp is an emptyDir`).toBeDefined();
    }
    const namespace = byKind(objects, 'Namespace')[0];
    expect(namespace?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('names every image with a tag (never latest) and an explicit pull policy', () => {
    for (const { id, container } of containersOf(objects)) {
      const [, tag] = splitImage(container.image ?? '');
      expect(tag, id).not.toBe('');
      expect(tag, id).not.toBe('latest');
      expect(['IfNotPresent', 'Always'], id).toContain(container.imagePullPolicy);
    }
  });

  it('runs each service from its own image (the Dockerfile target of the same name), tagged with the package version', () => {
    for (const service of SERVICES) {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === service);
      const container = deployment && (podSpec(deployment).containers[0] as Container);
      expect(container?.name).toBe(service);
      const [name, tag] = splitImage(container?.image ?? '');
      expect(name.endsWith(`autoscale-cirm/${service}`), `${service}: ${container?.image}`).toBe(true);
      expect(tag).toBe(VERSION);
    }
  });

  it('gives the services more termination grace than their own 10 s shutdown timeout', () => {
    for (const service of SERVICES) {
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === service);
      expect(podSpec(deployment!).terminationGracePeriodSeconds).toBeGreaterThan(10);
    }
  });

  it('selects its own pods: each workload selector matches its template, each Service and PDB exactly one workload', () => {
    for (const workload of workloads(objects)) {
      expect(matches(selectorOf(workload).matchLabels ?? {}, templateLabels(workload)), workload.metadata.name).toBe(
        true,
      );
    }
    for (const object of [...byKind(objects, 'Service'), ...byKind(objects, 'PodDisruptionBudget')]) {
      const selector = object.kind === 'Service' ? selectorOf(object) : (selectorOf(object).matchLabels ?? {});
      const selected = workloads(objects).filter((w) => matches(selector, templateLabels(w)));
      expect(selected.length, `${object.kind}/${object.metadata.name}`).toBe(1);
      if (object.kind === 'PodDisruptionBudget') expect(selected[0]?.metadata.name).toBe(object.metadata.name);
    }
  });

  it('has a PodDisruptionBudget for every workload', () => {
    const budgets = byKind(objects, 'PodDisruptionBudget')
      .map((o) => o.metadata.name)
      .sort();
    expect(budgets).toEqual(
      workloads(objects)
        .map((w) => w.metadata.name)
        .sort(),
    );
  });

  it('routes each Service port to a port its pods declare', () => {
    for (const service of byKind(objects, 'Service')) {
      const workload = workloads(objects).find((w) => matches(selectorOf(service), templateLabels(w)));
      const declared = podSpec(workload!).containers.flatMap((c) =>
        ((c['ports'] as Array<{ name: string; containerPort: number }> | undefined) ?? []).flatMap((p) => [
          p.name,
          p.containerPort,
        ]),
      );
      for (const port of (service['spec'] as { ports: Array<{ targetPort: string | number }> }).ports) {
        expect(declared, `Service/${service.metadata.name}`).toContain(port.targetPort);
      }
    }
  });

  it('scales the gateway with an HPA whose target exists', () => {
    const hpa = byKind(objects, 'HorizontalPodAutoscaler');
    expect(hpa.map((h) => (h['spec'] as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef)).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api-gateway' },
    ]);
    expect(byKind(objects, 'Service').map((s) => s.metadata.name)).toContain('api-gateway');
  });
});
