import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Logger } from '@autoscale/observability';
import { parseReplayCsv } from './replay-csv.parser';
import type { ReplayRow } from './replay-csv.parser';

/** One recording: the resource it stands for (its file name) and its rows, oldest first. */
export type ReplaySeries = { resourceId: string; file: string; rows: ReplayRow[] };

/** Past this many, a file's bad lines are counted rather than each logged. */
const PROBLEMS_LOGGED_PER_FILE = 5;

/**
 * The files `patterns` name, each pattern a path (taken as is when it exists, so names with
 * brackets work) or a glob, relative to `cwd`; sorted, without repeats.
 *
 * @example
 * expandReplayFiles(['data/nab/*.csv']); // ['/path/to/repo/data/nab/cpu_utilization_asg_misconfiguration.csv', …]
 */
export function expandReplayFiles(patterns: readonly string[], cwd = process.cwd()): string[] {
  const files = patterns.flatMap((pattern) => {
    const literal = resolve(cwd, pattern);
    if (existsSync(literal)) return [literal];
    return globSync([pattern], { cwd, absolute: true, onlyFiles: true, expandDirectories: false });
  });
  return [...new Set(files)].sort();
}

/**
 * The resource id a recording stands for: its file name without the extension.
 *
 * @example
 * resourceIdOf('/data/nab/ec2_cpu_utilization_24ae8d.csv'); // 'ec2_cpu_utilization_24ae8d'
 */
export function resourceIdOf(file: string): string {
  return basename(file, extname(file));
}

/**
 * Reads and parses every file, warning about lines it skips. Read once at start, so that a
 * missing or empty recording stops the service with its name rather than mid-replay.
 *
 * @example
 * loadReplaySeries(expandReplayFiles(['data/*.csv']), log); // [{ resourceId: 'web-01', file, rows: [{ t, cpu }, …] }]
 */
export function loadReplaySeries(files: readonly string[], log: Logger): ReplaySeries[] {
  return files.map((file) => {
    const { rows, problems } = parseReplayCsv(readFileSync(file, 'utf8'));
    for (const problem of problems.slice(0, PROBLEMS_LOGGED_PER_FILE)) {
      log.warn({ file, line: problem.line, reason: problem.reason }, 'replay: skipped a malformed line');
    }
    if (problems.length > PROBLEMS_LOGGED_PER_FILE) {
      log.warn({ file, skipped: problems.length }, 'replay: more malformed lines skipped');
    }
    return { resourceId: resourceIdOf(file), file, rows };
  });
}
