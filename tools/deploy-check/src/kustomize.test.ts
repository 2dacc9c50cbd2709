import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch';
import { renderKustomization, splitImage } from './kustomize';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A base with one Deployment and an overlay with `overlay` as its kustomization body. */
function fixture(overlay: string) {
  const root = mkdtempSync(join(tmpdir(), 'kustomize-'));
  dirs.push(root);
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'overlay'));
  writeFileSync(join(root, 'base/kustomization.yaml'), 'resources: [app.yaml]\n');
  writeFileSync(
    join(root, 'base/app.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{ name: app, image: "reg:5000/team/app:1.0" }]\n',
  );
  writeFileSync(join(root, 'overlay/kustomization.yaml'), `resources: [../base]\n${overlay}`);
  return join(root, 'overlay');
}

describe('renderKustomization', () => {
  it('applies patches, then images, then replicas, to the objects of its bases', () => {
    const [app] = renderKustomization(
      fixture(
        'patches:\n  - target: { kind: Deployment, name: app }\n    patch: |-\n      - { op: add, path: /metadata/labels, value: { tier: web } }\n' +
          'images:\n  - { name: reg:5000/team/app, newTag: "2.0" }\nreplicas:\n  - { name: app, count: 3 }\n',
      ),
    );
    expect(app?.metadata.labels).toEqual({ tier: 'web' });
    expect(JSON.stringify(app)).toContain('"image":"reg:5000/team/app:2.0"');
    expect((app?.['spec'] as { replicas: number }).replicas).toBe(3);
  });

  it('refuses a patch whose target is not there, instead of rendering without it', () => {
    expect(() =>
      renderKustomization(fixture('patches:\n  - target: { kind: Deployment, name: gone }\n    patch: "[]"\n')),
    ).toThrow('patch target Deployment/gone not found');
  });

  it('refuses kustomize features it does not implement', () => {
    expect(() => renderKustomization(fixture('namePrefix: x-\n'))).toThrow('renderer does not implement namePrefix');
  });
});

describe('applyJsonPatch', () => {
  it('replaces and removes only members that exist (a stale patch fails)', () => {
    const doc = { data: { A: '1' }, list: ['x'] };
    applyJsonPatch(doc, [
      { op: 'replace', path: '/data/A', value: '2' },
      { op: 'add', path: '/list/-', value: 'y' },
    ]);
    expect(doc).toEqual({ data: { A: '2' }, list: ['x', 'y'] });
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/data/B', value: '3' }])).toThrow('no such member');
  });
});

describe('splitImage', () => {
  it('tells a registry port from a tag', () => {
    expect(splitImage('reg:5000/a/b:1.2')).toEqual(['reg:5000/a/b', '1.2']);
    expect(splitImage('reg:5000/a/b')).toEqual(['reg:5000/a/b', '']);
  });
});
