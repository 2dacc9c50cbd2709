import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { applyJsonPatch } from './json-patch';
import type { PatchOperation } from './json-patch';

/** A Kubernetes object as rendered: plain JSON. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
};

type Kustomization = {
  resources?: string[];
  patches?: Array<{ target: { kind: string; name: string }; patch?: string; path?: string }>;
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
  replicas?: Array<{ name: string; count: number }>;
  [other: string]: unknown;
};

/** The kustomize fields this renderer implements; any other field fails the render. */
const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'patches', 'images', 'replicas']);

/**
 * Renders a kustomization directory as `kustomize build` would, for the features our
 * manifests use: `resources` (files and bases), JSON 6902 `patches` with a kind/name target,
 * `images` and `replicas`, in kustomize's order (resources, patches, images, replicas).
 * No kustomize binary is installable here (not on npm or apt), so the tests render with
 * this; anything it does not implement is refused rather than silently ignored.
 *
 * @example
 * const objects = renderKustomization('k8s/overlays/demo');
 */
export function renderKustomization(dir: string): K8sObject[] {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parseYaml(readFileSync(file, 'utf8')) as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unknown.length > 0) throw new Error(`${file}: renderer does not implement ${unknown.join(', ')}`);

  const objects = (kustomization.resources ?? []).flatMap((entry) => loadResource(resolve(dir, entry)));
  assertUnique(objects, file);
  for (const patch of kustomization.patches ?? []) {
    const text = patch.patch ?? readFileSync(resolve(dir, patch.path ?? ''), 'utf8');
    const operations = parseYaml(text) as PatchOperation[];
    if (!Array.isArray(operations))
      throw new Error(`${file}: only JSON 6902 patches (a list of operations) are implemented`);
    const targets = objects.filter((o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name);
    if (targets.length === 0)
      throw new Error(`${file}: patch target ${patch.target.kind}/${patch.target.name} not found`);
    for (const target of targets) applyJsonPatch(target, operations);
  }
  for (const image of kustomization.images ?? []) setImages(objects, image);
  for (const { name, count } of kustomization.replicas ?? []) {
    const targets = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind) && o.metadata.name === name);
    if (targets.length === 0) throw new Error(`${file}: replicas target ${name} not found`);
    for (const target of targets) (target['spec'] as { replicas: number }).replicas = count;
  }
  return objects;
}

function loadResource(path: string): K8sObject[] {
  if (!existsSync(path)) throw new Error(`resource ${path} does not exist`);
  if (statSync(path).isDirectory()) return renderKustomization(path);
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

function assertUnique(objects: K8sObject[], file: string) {
  const ids = objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${file}: ${duplicate} is declared twice`);
}

type Container = { image?: string };

/** Every container and init container of a workload's pod template. */
export function podContainers(object: K8sObject): Container[] {
  const spec = (
    object['spec'] as { template?: { spec?: { containers?: Container[]; initContainers?: Container[] } } } | undefined
  )?.template?.spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
}

/** kustomize's image transformer: matches the name without tag, replaces name and/or tag. */
function setImages(objects: K8sObject[], image: { name: string; newName?: string; newTag?: string }) {
  for (const container of objects.flatMap(podContainers)) {
    if (!container.image) continue;
    const [name, tag] = splitImage(container.image);
    if (name !== image.name) continue;
    container.image = `${image.newName ?? name}:${image.newTag ?? tag}`;
  }
}

/** `registry:5000/a/b:1.2` → `['registry:5000/a/b', '1.2']`; no tag → `''`. */
export function splitImage(image: string): [string, string] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash) return [image, ''];
  return [image.slice(0, colon), image.slice(colon + 1)];
}
