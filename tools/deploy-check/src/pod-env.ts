import type { K8sObject } from './kustomize';

export type EnvVar = {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    secretKeyRef?: { name: string; key: string };
    configMapKeyRef?: { name: string; key: string };
  };
};
export type Container = {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  env?: EnvVar[];
  envFrom?: Array<{
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string; optional?: boolean };
  }>;
  [field: string]: unknown;
};

/** What the downward API would give, for the fields our manifests read. */
const FIELD_EXAMPLES: Record<string, string> = {
  'spec.nodeName': 'ip-10-0-1-23.eu-west-1.compute.internal',
  'metadata.name': 'pod-0',
};

/** A ConfigMap's `data`, or a Secret's `stringData` and (decoded) `data`. */
export function dataOf(object: K8sObject): Record<string, string> {
  const decoded = Object.fromEntries(
    Object.entries((object['data'] as Record<string, string> | undefined) ?? {}).map(([key, value]) => [
      key,
      object.kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value,
    ]),
  );
  return { ...decoded, ...((object['stringData'] as Record<string, string> | undefined) ?? {}) };
}

/**
 * The environment a container starts with, as the kubelet builds it: `envFrom` in order,
 * then `env` (which wins); references to ConfigMaps and Secrets resolved among `objects`.
 * A reference to an object that is not there throws (the pod would not start), unless the
 * reference is `optional: true`, which the kubelet skips.
 *
 * @example
 * const env = containerEnv(container, renderKustomization('k8s/overlays/demo'));
 */
export function containerEnv(container: Container, objects: K8sObject[]): Record<string, string> {
  const find = (kind: string, name: string, optional = false) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found && optional) return {};
    if (!found) throw new Error(`container ${container.name} refers to ${kind} ${name}, which is not in the manifests`);
    return dataOf(found);
  };
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef)
      Object.assign(env, find('ConfigMap', source.configMapRef.name, source.configMapRef.optional));
    if (source.secretRef) Object.assign(env, find('Secret', source.secretRef.name, source.secretRef.optional));
  }
  for (const variable of container.env ?? []) env[variable.name] = resolveVar(variable, find);
  return env;
}

function resolveVar(variable: EnvVar, find: (kind: string, name: string) => Record<string, string>): string {
  const from = variable.valueFrom;
  if (!from) return variable.value ?? '';
  if (from.fieldRef) return FIELD_EXAMPLES[from.fieldRef.fieldPath] ?? 'field';
  const [kind, ref] = from.secretKeyRef ? ['Secret', from.secretKeyRef] : ['ConfigMap', from.configMapKeyRef];
  if (!ref) throw new Error(`${variable.name}: unsupported valueFrom`);
  const value = find(kind, ref.name)[ref.key];
  if (value === undefined) throw new Error(`${variable.name}: ${kind} ${ref.name} has no key ${ref.key}`);
  return value;
}

/** The pod spec of a Deployment or StatefulSet. */
export function podSpec(object: K8sObject) {
  return (object['spec'] as { template: { spec: PodSpec } }).template.spec;
}

export type PodSpec = {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Array<{ name: string; emptyDir?: object; [source: string]: unknown }>;
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
  terminationGracePeriodSeconds?: number;
  [field: string]: unknown;
};

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];
