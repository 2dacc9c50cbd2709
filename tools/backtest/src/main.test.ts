import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const cli = (...args: string[]) =>
  execFileSync('npx', ['tsx', 'tools/backtest/src/main.ts', ...args], { cwd: root, encoding: 'utf8' });

describe('backtest CLI', () => {
  it('prints one JSON line per notification for a small CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backtest-'));
    const file = join(dir, 'ramp.csv');
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: 60 }, (_, i) => {
      const ts = new Date(start + i * 300_000).toISOString().replace('T', ' ').slice(0, 19);
      return `${ts},${Math.min(100, 20 + i * 2).toFixed(1)}`;
    });
    writeFileSync(file, `timestamp,value\n${rows.join('\n')}\n`);
    const lines = cli('--csv', file, '--threshold', '90', '--lookahead', '60').trim().split('\n');
    const notes = lines.map((l) => JSON.parse(l) as { kind: string; ts: string; model: string });
    expect(notes.map((n) => n.kind)).toContain('forecast');
    expect(notes.map((n) => n.kind)).toContain('breach');
    for (const n of notes) expect(Object.keys(n).sort()).toEqual(['breachAt', 'kind', 'model', 'severity', 'ts']);
  });

  it('prints one row per threshold × lookahead and a pooled row, for the product and the baseline', () => {
    const out = cli(
      '--summary',
      '--csv',
      'data/nab/ec2_cpu_utilization_ac20cd.csv',
      '--baseline',
      'predict_linear:60m',
      '--threshold',
      '80,90',
      '--lookahead',
      '30,60',
    );
    expect(out).toContain('## data/nab/ec2_cpu_utilization_ac20cd.csv (1 files,');
    for (const rule of ['product', 'predict_linear:60m']) {
      for (const threshold of ['80', '90']) {
        for (const lookahead of ['30m', '60m'])
          expect(out).toMatch(new RegExp(`\\| ${rule} +\\| +${threshold} \\| +${lookahead} \\|`));
      }
      expect(out).toMatch(new RegExp(`\\| ${rule} +\\| +pooled \\|`));
    }
    // The level shift at threshold 90 is one incident, whatever the lookahead.
    expect(out).toMatch(/\| product +\| +90 \| +60m \| +1 \|/);
    expect(out).toContain('## product vs best predict_linear');
    expect(out).toContain('## breach probability reliability');
    expect(out).toContain('80% coverage');
  });
});
