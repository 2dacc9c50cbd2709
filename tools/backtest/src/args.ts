import { parseArgs } from 'node:util';
import { DEFAULT_ALERT_RULE_PARAMS } from '@autoscale/forecasting';

export type BaselineSpec = { kind: 'predict_linear'; windowMin: number; label: string };

export type BacktestArgs = {
  csv: string[];
  threshold: number;
  lookaheadMin: number;
  summary: boolean;
  json: boolean;
  baselines: BaselineSpec[];
};

/** The predict_linear windows `--summary` compares against when no `--baseline` is given. */
export const DEFAULT_BASELINE_WINDOWS_MIN = [30, 60, 120, 360];

export const USAGE = `usage: backtest --csv FILE|DIR [--csv ...] [--threshold 90] [--lookahead 60]
                [--summary [--json]] [--baseline predict_linear:60m ...]
  without --summary: one JSON line per notification the alerter would send
                     (of the --baseline rule instead of the product, when one is given)
  --summary:         scores of the product and of the baselines (default: predict_linear 30/60/120/360m)`;

/**
 * Parses the command line; throws an Error whose message is fit to print on bad input.
 *
 * @example
 * parseBacktestArgs(['--csv', 'a.csv', '--summary']);
 */
export function parseBacktestArgs(argv: readonly string[]): BacktestArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      csv: { type: 'string', multiple: true },
      threshold: { type: 'string' },
      lookahead: { type: 'string' },
      summary: { type: 'boolean' },
      json: { type: 'boolean' },
      baseline: { type: 'string', multiple: true },
    },
    allowPositionals: false,
  });
  if (!values.csv || values.csv.length === 0) throw new Error('--csv is required');
  return {
    csv: values.csv,
    threshold: positiveNumber('--threshold', values.threshold ?? '90'),
    lookaheadMin: positiveNumber('--lookahead', values.lookahead ?? String(DEFAULT_ALERT_RULE_PARAMS.lookaheadMin)),
    summary: values.summary ?? false,
    json: values.json ?? false,
    baselines: (values.baseline ?? []).map(parseBaseline),
  };
}

function positiveNumber(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
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
