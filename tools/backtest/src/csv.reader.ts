import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Sample } from '@autoscale/forecasting';

export type NamedSeries = { name: string; samples: Sample[] };

/**
 * Parses `timestamp,value` CSV text. Timestamps are `YYYY-MM-DD HH:MM:SS` in UTC (as in the
 * NAB files), any ISO-8601 string, or epoch milliseconds. Unparseable rows are an error
 * naming the line, because silently dropping them would change the score.
 *
 * @example
 * parseSeriesCsv('timestamp,value\n2014-02-14 14:30:00,0.13\n');
 */
export function parseSeriesCsv(text: string): Sample[] {
  const lines = text.split(/\r?\n/);
  const samples: Sample[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || (i === 0 && /[a-z]/i.test(line.split(',')[1] ?? ''))) return;
    const [ts, raw] = line.split(',');
    const t = parseTime(ts?.trim() ?? '');
    const value = Number(raw);
    if (!Number.isFinite(t) || raw === undefined || raw.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`line ${i + 1}: expected "timestamp,value", got "${line}"`);
    }
    samples.push({ t, value });
  });
  return samples;
}

function parseTime(ts: string): number {
  if (/^\d+$/.test(ts)) return Number(ts);
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(ts) ? `${ts.replace(' ', 'T')}Z` : ts;
  return Date.parse(iso);
}

/**
 * Reads every path given: a CSV file, or a folder whose `*.csv` files are read in name order.
 *
 * @example
 * await readSeries(['data/nab']);
 */
export async function readSeries(paths: readonly string[]): Promise<NamedSeries[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.csv')).sort();
      files.push(...names.map((n) => join(path, n)));
    } else {
      files.push(path);
    }
  }
  return Promise.all(
    files.map(async (file) => {
      try {
        return { name: basename(file), samples: parseSeriesCsv(await readFile(file, 'utf8')) };
      } catch (err) {
        throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
  );
}
