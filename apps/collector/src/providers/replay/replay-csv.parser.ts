/** One line of a recording: epoch milliseconds and the metrics it holds (percent). */
export type ReplayRow = { t: number; cpu?: number; mem?: number };

/** A line that was skipped, and why, for the operator's warning. */
export type CsvProblem = { line: number; reason: string };

type Columns = { cpu: number; mem: number; width: number };

/**
 * Parses a recording: `timestamp,value` (CPU alone, as the NAB files are) or
 * `timestamp,cpu,mem`, with or without a header line. A header may name its columns
 * `cpu`/`value` and `mem`/`memory` in any order after the timestamp. Timestamps are ISO 8601
 * (no offset means UTC, as in the NAB files: `2014-05-14 01:14:00`) or epoch seconds or
 * milliseconds. An empty value is a metric not recorded there; a line that cannot be read is
 * skipped and reported, not fatal.
 *
 * @example
 * parseReplayCsv('timestamp,value\n2014-05-14 01:14:00,85.8\n');
 * // { rows: [{ t: 1400030040000, cpu: 85.8 }], problems: [] }
 */
export function parseReplayCsv(text: string): { rows: ReplayRow[]; problems: CsvProblem[] } {
  const rows: ReplayRow[] = [];
  const problems: CsvProblem[] = [];
  let columns: Columns | undefined;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(',').map((f) => f.trim());
    if (!columns) {
      const header = headerColumns(fields);
      if (header === 'not a header') {
        columns = { cpu: 1, mem: fields.length >= 3 ? 2 : -1, width: fields.length };
      } else if (typeof header === 'string') {
        return { rows, problems: [{ line: index + 1, reason: header }] };
      } else {
        columns = header;
        continue;
      }
    }
    const row = parseRow(fields, columns);
    if (typeof row === 'string') problems.push({ line: index + 1, reason: row });
    else rows.push(row);
  }
  if (!isSorted(rows)) rows.sort((a, b) => a.t - b.t);
  return { rows, problems };
}

/** Columns named by a header line; 'not a header' when the line is data; a reason when the header is unusable. */
function headerColumns(fields: string[]): Columns | string {
  if (fields[0] !== undefined && parseTimestamp(fields[0]) !== undefined) return 'not a header';
  const names = fields.map((f) => f.toLowerCase());
  const cpu = names.findIndex((n, i) => i > 0 && (n === 'cpu' || n === 'value'));
  const mem = names.findIndex((n, i) => i > 0 && (n === 'mem' || n === 'memory'));
  if (cpu < 0 && mem < 0) return `header "${fields.join(',')}" names no cpu/value or mem column`;
  return { cpu, mem, width: fields.length };
}

function parseRow(fields: string[], columns: Columns): ReplayRow | string {
  if (fields.length !== columns.width) return `expected ${columns.width} fields, found ${fields.length}`;
  const t = parseTimestamp(fields[0] ?? '');
  if (t === undefined) return `unreadable timestamp "${fields[0] ?? ''}"`;
  const cpu = parsePercent(fields[columns.cpu]);
  const mem = parsePercent(fields[columns.mem]);
  if (cpu === null || mem === null) return 'a value is not a number within 0–100';
  if (cpu === undefined && mem === undefined) return 'no value';
  return { t, ...(cpu === undefined ? {} : { cpu }), ...(mem === undefined ? {} : { mem }) };
}

/** undefined: not recorded (no column, or empty); null: present but unusable. */
function parsePercent(field: string | undefined): number | undefined | null {
  if (field === undefined || field === '') return undefined;
  const value = Number(field);
  if (!Number.isFinite(value) || value < 0 || value > 100) return null;
  // Recordings carry binary float noise (NAB: `51.846000000000004`); six decimals is far finer than any metric.
  return Math.round(value * 1e6) / 1e6;
}

const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of a recorded timestamp, or undefined.
 *
 * @example
 * parseTimestamp('2014-05-14 01:14:00'); // 1400030040000 (UTC)
 * parseTimestamp('1400030040'); // 1400030040000
 */
export function parseTimestamp(field: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(field)) {
    const n = Number(field);
    return n < 1e11 ? Math.round(n * 1000) : Math.round(n);
  }
  if (ISO_LOCAL.test(field)) return finite(Date.parse(`${field.replace(' ', 'T')}Z`));
  if (ISO_ZONED.test(field)) return finite(Date.parse(field.replace(' ', 'T')));
  return undefined;
}

const finite = (n: number) => (Number.isFinite(n) ? n : undefined);

function isSorted(rows: ReplayRow[]): boolean {
  for (let i = 1; i < rows.length; i++) if ((rows[i]?.t ?? 0) < (rows[i - 1]?.t ?? 0)) return false;
  return true;
}
