/** One RFC 6902 operation, as kustomize's `patches` take them (the subset the overlays use). */
export type PatchOperation = { op: 'add' | 'replace'; path: string; value: unknown } | { op: 'remove'; path: string };

type Container = Record<string, unknown> | unknown[];

/** `/a/b~1c/0` → `['a', 'b/c', '0']` (RFC 6901 escapes). */
const pointer = (path: string) =>
  path
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));

function parentOf(doc: unknown, path: string): { parent: Container; key: string } {
  const parts = pointer(path);
  const key = parts.pop();
  if (key === undefined) throw new Error(`patch path ${path} names the document itself`);
  let node: unknown = doc;
  for (const part of parts) {
    if (node === null || typeof node !== 'object')
      throw new Error(`patch path ${path}: ${part} is not in the document`);
    node = (node as Record<string, unknown>)[part];
  }
  if (node === null || typeof node !== 'object')
    throw new Error(`patch path ${path}: its parent is not in the document`);
  return { parent: node as Container, key };
}

/**
 * Applies RFC 6902 operations in place. `replace` and `remove` of a missing member throw, as
 * kustomize does, so a patch that no longer matches its target fails the tests.
 *
 * @example
 * applyJsonPatch(configMap, [{ op: 'replace', path: '/data/SIM_RESOURCES', value: '4' }]);
 */
export function applyJsonPatch(doc: unknown, operations: PatchOperation[]): void {
  for (const operation of operations) {
    const { parent, key } = parentOf(doc, operation.path);
    if (Array.isArray(parent)) {
      const index = key === '-' ? parent.length : Number(key);
      if (operation.op === 'add') parent.splice(index, 0, operation.value);
      else if (index >= parent.length) throw new Error(`patch ${operation.op} ${operation.path}: no such element`);
      else if (operation.op === 'replace') parent[index] = operation.value;
      else parent.splice(index, 1);
      continue;
    }
    if (operation.op !== 'add' && !(key in parent))
      throw new Error(`patch ${operation.op} ${operation.path}: no such member`);
    if (operation.op === 'remove') delete parent[key];
    else parent[key] = operation.value;
  }
}
