import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One measured figure beside the limit it is judged against, measured in the same run
 * (a broker or database ceiling) or a target; `ratio` = value / limit.
 */
export type BenchRow = {
  scenario: string;
  measure: string;
  value: number;
  unit: string;
  limit?: number | undefined;
  limitLabel?: string | undefined;
  note?: string | undefined;
};

const fmt = (n: number | undefined) => {
  if (n === undefined || Number.isNaN(n)) return '–';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
};

const ratioOf = (row: BenchRow) => (row.limit ? row.value / row.limit : undefined);

/** The rows as a Markdown table (what the README carries). */
export function markdownTable(rows: readonly BenchRow[]): string {
  const lines = ['| scenario | measure | value | limit / target | ratio |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const limit = row.limit === undefined ? '–' : `${fmt(row.limit)} ${row.unit} (${row.limitLabel ?? ''})`;
    const ratio = ratioOf(row);
    const note = row.note ? ` — ${row.note}` : '';
    lines.push(
      `| ${row.scenario} | ${row.measure}${note} | ${fmt(row.value)} ${row.unit} | ${limit} | ${ratio === undefined ? '–' : `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`} |`,
    );
  }
  return lines.join('\n');
}

export async function writeResults(path: string, rows: readonly BenchRow[], meta: Record<string, unknown>) {
  await mkdir(dirname(path), { recursive: true });
  const withRatio = rows.map((row) => ({ ...row, ratio: ratioOf(row) ?? null }));
  await writeFile(path, `${JSON.stringify({ ...meta, rows: withRatio }, null, 2)}\n`);
}
