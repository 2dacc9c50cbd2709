import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { repoFiles, ROOT } from './repo';

const files = repoFiles('*.yaml', '*.yml');

describe('every YAML file of the repository', () => {
  it('is found (k8s, compose)', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s parses', (file) => {
    const errors = parseAllDocuments(readFileSync(join(ROOT, file), 'utf8')).flatMap((doc) =>
      doc.errors.map((e) => e.message),
    );
    expect(errors).toEqual([]);
  });
});
