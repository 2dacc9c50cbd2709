import { parseArgs } from 'node:util';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';

export type BaselineSpec = { kind: 'predict_linear'; windowMin: number; label: string };

export type BacktestArgs = {
  /** Files or folders; with `--summary` each one is scored as its own data set. */
  csv: string[];
  thresholds: number[];
  lookaheadsMin: number[];
  summary: boolean;
  json: boolean;
  /** Also print one row per file (off by default: PlanetLab has hundreds). */
  perFile: boolean;
  /** Synthetic suites scored beside the CSV data sets. */
  suites: 'memory'[];
  baselines: BaselineSpec[];
  /** The capacity simulation of the scaling policies instead of the alert backtest. */
  scale: boolean;
  /** Lead times (minutes) the capacity simulation runs with. */
  leadsMin: number[];
};

/** The predict_linear windows `--summary` compares against when no `--baseline` is given. */
export const DEFAULT_BASELINE_WINDOWS_MIN = [30, 60, 120, 360];

/** The development data: NAB and the development part of PlanetLab (its held-out part is `data/planetlab/holdout`). */
export const DEFAULT_CSV = ['data/nab', 'data/planetlab'];

export const USAGE = `usage: backtest [--csv FILE|DIR ...] [--threshold 90[,80,...]] [--lookahead 60[,30,...]]
                [--summary [--json] [--per-file]] [--suite memory] [--baseline predict_linear:60m ...]
  --csv:             default ${DEFAULT_CSV.join(' ')} (development data); data/planetlab/holdout is held out
  without --summary: one JSON line per notification the alerter would send (first threshold and
                     lookahead; of the --baseline rule instead of the product, when one is given)
  --summary:         per data set, one row per threshold × lookahead and a pooled row, for the product
                     and the baselines (default: predict_linear 30/60/120/360m); then all data sets pooled,
                     the reliability of the breach probability, and the forecast accuracy
  --suite memory:    adds the synthetic memory-leak suite (see docs/forecasting.md)
  --scale [--lead 5,10] [--json]: capacity simulation of no scaling, the HPA's reactive rule, a daily
                     profile (AWS/GCE predictive) and the product, per lead time (see docs/scaling.md)`;

/**
 * Parses the command line; throws an Error whose message is fit to print on bad input.
 *
 * @example
 * parseBacktestArgs(['--summary', '--threshold', '80,90,95', '--lookahead', '30,60']);
 */
export function parseBacktestArgs(argv: readonly string[]): BacktestArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      csv: { type: 'string', multiple: true },
      threshold: { type: 'string', multiple: true },
      lookahead: { type: 'string', multiple: true },
      summary: { type: 'boolean' },
      json: { type: 'boolean' },
      'per-file': { type: 'boolean' },
      suite: { type: 'string', multiple: true },
      baseline: { type: 'string', multiple: true },
      scale: { type: 'boolean' },
      lead: { type: 'string', multiple: true },
    },
    allowPositionals: false,
  });
  const suites = (values.suite ?? []).map((s): 'memory' => {
    if (s !== 'memory') throw new Error(`--suite must be "memory", got "${s}"`);
    return s;
  });
  return {
    csv: values.csv ?? (suites.length > 0 ? [] : DEFAULT_CSV),
    thresholds: numberList('--threshold', values.threshold ?? ['90'], 100),
    lookaheadsMin: numberList('--lookahead', values.lookahead ?? [String(DEFAULT_ALERT_RULE_PARAMS.lookaheadMin)]),
    summary: values.summary ?? false,
    json: values.json ?? false,
    perFile: values['per-file'] ?? false,
    suites,
    baselines: (values.baseline ?? []).map(parseBaseline),
    scale: values.scale ?? false,
    leadsMin: numberList('--lead', values.lead ?? ['5,10'], 120),
  };
}

/**
 * `80,90,95` (or the option repeated) → [80, 90, 95], each a positive number (at most `max`),
 * duplicates dropped, order kept.
 *
 * @example
 * numberList('--threshold', ['80,90', '95']); // [80, 90, 95]
 */
export function numberList(name: string, raws: readonly string[], max = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  for (const part of raws.flatMap((r) => r.split(','))) {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
      throw new Error(
        `${name} must be a comma-separated list of positive numbers${max < Infinity ? ` up to ${max}` : ''}, got "${raws.join(',')}"`,
      );
    }
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** `predict_linear:60m` (also `:1h`, or bare minutes). */
export function parseBaseline(raw: string): BaselineSpec {
  const match = /^predict_linear:(\d+(?:\.\d+)?)(m|h)?$/.exec(raw);
  if (!match) throw new Error(`--baseline must look like predict_linear:60m, got "${raw}"`);
  const windowMin = Number(match[1]) * (match[2] === 'h' ? 60 : 1);
  return { kind: 'predict_linear', windowMin, label: `predict_linear:${windowMin}m` };
}

export function baselineFor(windowMin: number): BaselineSpec {
  return { kind: 'predict_linear', windowMin, label: `predict_linear:${windowMin}m` };
}
