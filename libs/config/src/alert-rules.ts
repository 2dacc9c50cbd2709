import { z } from 'zod';
import { ChannelName, globMatches } from '@autoscale/contracts';
import { orExit, parseYamlFile, readConfigFile } from './yaml-file';

const Rule = z
  .object({
    /** A resource id or glob (`web-*`); every resource when absent. */
    resource: z.string().min(1).max(300).default('*'),
    metric: z.enum(['cpu', 'mem', '*']).default('*'),
    /** Label globs the resource's labels must all match (`{ env: prod, job: node* }`); a missing label does not match. */
    labels: z.record(z.string().min(1).max(256), z.string().min(1).max(300)).optional(),
    threshold: z.number().gt(0).lte(100).optional(),
    lookaheadMin: z.number().positive().optional(),
    renotifyMin: z.number().positive().optional(),
    /** The channels this series alerts on (a subset of those configured); all when absent. */
    channels: z.array(ChannelName).optional(),
  })
  .strict();

export const AlertRulesFile = z.object({ rules: z.array(Rule) }).strict();
export type AlertRule = z.infer<typeof Rule>;
export type AlertRules = readonly AlertRule[];

/** What applies to one series: the first matching rule that sets a field gives it, else the default. */
export type EffectiveRule = {
  threshold: number;
  lookaheadMin: number;
  renotifyMin: number;
  /** Null: every configured channel. */
  channels: readonly ChannelName[] | null;
};

export type RuleDefaults = {
  thresholds: { cpu: number; mem: number };
  lookaheadMin: number;
  renotifyMin: number;
};

/**
 * Parses a rules file's text (YAML, or JSON, which is YAML). Every problem names its line:
 * `rules.yaml:7: rules.1.threshold: Too big: expected number to be <=100`.
 *
 * @example
 * const rules = parseAlertRules('rules:\n  - resource: db-*\n    threshold: 80\n', 'rules.yaml');
 */
export const parseAlertRules = (text: string, source: string): AlertRules =>
  parseYamlFile(AlertRulesFile, text, source).rules;

/**
 * Reads and validates `ALERT_RULES_FILE`; no file, no rules (the global variables apply).
 *
 * @example
 * const rules = loadAlertRules(config.ALERT_RULES_FILE);
 */
export function loadAlertRules(path: string | undefined): AlertRules {
  if (!path) return [];
  return parseAlertRules(readConfigFile('ALERT_RULES_FILE', path), path);
}

/**
 * The rule in force for a series, given its resource's labels (those of the newest sample).
 * The forecaster takes its threshold, the alerter its lookahead, renotify interval and
 * channels: both read the same file, so both agree.
 *
 * @example
 * effectiveRule(rules, defaults, 'db-1', 'cpu').threshold; // 80 with a `db-*` rule at 80
 * effectiveRule(rules, defaults, '10.0.3.7:9100', 'cpu', { env: 'prod' }).threshold; // 85 with a rule `labels: { env: prod }` at 85
 */
export function effectiveRule(
  rules: AlertRules,
  defaults: RuleDefaults,
  resourceId: string,
  metric: 'cpu' | 'mem',
  labels: Readonly<Record<string, string>> = {},
): EffectiveRule {
  const labelsMatch = (wanted: AlertRule['labels']) =>
    Object.entries(wanted ?? {}).every(([name, glob]) => labels[name] !== undefined && globMatches(glob, labels[name]));
  const matching = rules.filter(
    (r) => (r.metric === '*' || r.metric === metric) && globMatches(r.resource, resourceId) && labelsMatch(r.labels),
  );
  const first = <K extends keyof AlertRule>(key: K) => matching.find((r) => r[key] !== undefined)?.[key];
  return {
    threshold: first('threshold') ?? defaults.thresholds[metric],
    lookaheadMin: first('lookaheadMin') ?? defaults.lookaheadMin,
    renotifyMin: first('renotifyMin') ?? defaults.renotifyMin,
    channels: first('channels') ?? null,
  };
}

/**
 * {@link loadAlertRules} for a service's `main.ts`: prints every problem (with its line)
 * and exits 1, like a bad variable.
 *
 * @example
 * const rules = loadAlertRulesOrExit('alerter', config.ALERT_RULES_FILE);
 */
export function loadAlertRulesOrExit(service: string, path: string | undefined): AlertRules {
  return orExit(service, 'alert rules', () => loadAlertRules(path));
}
