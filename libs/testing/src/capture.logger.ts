import { pino } from 'pino';
import type { Logger } from '@autoscale/observability';

export type LogLine = { level: number; msg?: string; [key: string]: unknown };

const LEVELS: Record<string, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/**
 * A real pino logger whose lines are kept in memory, so tests can assert what an operator
 * would read in the logs.
 *
 * @example
 * const { log, at } = captureLogger();
 * log.warn('x');
 * at('warn'); // [{ level: 40, msg: 'x', … }]
 */
export function captureLogger() {
  const lines: LogLine[] = [];
  const log: Logger = pino(
    { level: 'debug' },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  const at = (level: keyof typeof LEVELS) => lines.filter((l) => l.level === LEVELS[level]);
  return { log, lines, at };
}
