import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIGURATION_DOC, configurationDoc } from './configuration-doc';
import { anchorsOf, brokenLinks } from './markdown-links';
import { serviceEnvSchemas } from './service-env';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the README', () => {
  const readme = read('README.md');

  it('fits on a few screens: at most 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('says what it does, the two commands and the demo, and cites no issue numbers nor dates', () => {
    for (const words of ['npm start', 'npm test', 'npm run demo', 'http://localhost:8000/'])
      expect(readme).toContain(words);
    expect(readme).not.toMatch(/\bissue #?\d+|#\d+\b/i);
    expect(readme).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe('the documentation', () => {
  it.each(DOCS)('%s: every relative link resolves, to a file and, for #anchors, a heading', (file) => {
    expect(brokenLinks(ROOT, file)).toEqual([]);
  });

  it('knows GitHub anchors: punctuation dropped, repeats numbered', () => {
    expect([...anchorsOf('# How it behaves\n## `npm run demo`: 2 s polls\n## Notes\n## Notes\n')]).toEqual([
      'how-it-behaves',
      'npm-run-demo-2-s-polls',
      'notes',
      'notes-1',
    ]);
  });

  it(`${CONFIGURATION_DOC} is what npm run docs:config makes from the services' schemas`, async () => {
    const expected = configurationDoc(await serviceEnvSchemas(ROOT));
    expect(read(CONFIGURATION_DOC), `stale: run "npm run docs:config" and commit ${CONFIGURATION_DOC}`).toBe(expected);
  });
});

describe('npm test', () => {
  type Targets = { targets?: Record<string, { cache?: boolean }> };
  const projects = ['apps', 'libs', 'tools'].flatMap((dir) =>
    readdirSync(join(ROOT, dir)).map((name) => `${dir}/${name}/package.json`),
  );

  it('never replays test results from the Nx cache: integration and end-to-end tests always run', () => {
    const nx = JSON.parse(read('nx.json')) as { targetDefaults: Record<string, { cache?: boolean }> };
    expect(nx.targetDefaults['test']?.cache).toBe(false);
    for (const file of projects) {
      const project = (JSON.parse(read(file)) as { nx?: Targets }).nx;
      expect(project?.targets?.['test']?.cache ?? false, file).toBe(false);
    }
  });

  it('writes test output under the ignored test-results/ folder', () => {
    expect(read('.gitignore').split('\n')).toContain('test-results/');
    expect(read('apps/e2e/src/faults.e2e.test.ts')).toContain("'test-results/reliability-figures.json'");
    expect(read('.ci/run')).toContain('git status --porcelain');
  });
});
