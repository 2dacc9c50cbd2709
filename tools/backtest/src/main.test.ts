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

  it('prints the summary for a real NAB file with the product and the baseline', () => {
    const out = cli('--summary', '--csv', 'data/nab/ec2_cpu_utilization_ac20cd.csv', '--baseline', 'predict_linear:60m');
    expect(out).toContain('## product');
    expect(out).toContain('## predict_linear:60m');
    expect(out).toMatch(/\| ec2_cpu_utilization_ac20cd\.csv +\| +1 \|/);
    expect(out).toContain('80% coverage');
  });
});
