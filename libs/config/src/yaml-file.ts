import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './load-config';

/**
 * Parses a configuration file's text (YAML, or JSON, which is YAML) with a zod schema. Every
 * problem names its line: `rules.yaml:7: rules.1.threshold: Too big: expected number to be <=100`.
 *
 * @example
 * const file = parseYamlFile(AlertRulesFile, 'rules:\n  - resource: db-*\n', 'rules.yaml');
 */
export function parseYamlFile<S extends z.ZodType>(schema: S, text: string, source: string): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => `${source}:${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`),
    );
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const line = lineOf(doc, lineCounter, path);
      return `${source}:${line}: ${path.join('.') || '(file)'}: ${issue.message}`;
    }),
  );
}

/** The line of the deepest node of `path` that exists (the parent of a missing field). */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  path: Array<string | number>,
): number | string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return '?';
}

/**
 * Reads a configuration file named by a variable; a file that cannot be read is a
 * {@link ConfigError} naming the variable.
 *
 * @example
 * const text = readConfigFile('ALERT_RULES_FILE', '/etc/autoscale/rules.yaml');
 */
export function readConfigFile(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${variable}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
}

/**
 * Runs a file loader for a service's `main.ts`: prints every problem (with its line) and
 * exits 1, like a bad variable.
 *
 * @example
 * const rules = orExit('alerter', 'alert rules', () => loadAlertRules(path));
 */
export function orExit<T>(service: string, what: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: invalid ${what}:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}
