import type { Sample } from '../types';
import type { BacktestNotification } from './notification';
import { predictLinearNotifications } from './predict-linear.baseline';
import { replaySeries } from './replay';

/** Which alerting rule a backtest runs: the product's, or a predict_linear baseline. */
export type BacktestRule = { kind: 'product' } | { kind: 'predict_linear'; windowMin: number };

export type BacktestRunOptions = { threshold: number; lookaheadMin: number };

/**
 * The notifications a rule would send over a series, with the threshold and lookahead given
 * (the product otherwise runs with the library's defaults, as the services do).
 *
 * @example
 * runRule(samples, { kind: 'predict_linear', windowMin: 60 }, { threshold: 90, lookaheadMin: 60 });
 */
export function runRule(
  samples: readonly Sample[],
  rule: BacktestRule,
  opts: BacktestRunOptions,
): BacktestNotification[] {
  if (rule.kind === 'predict_linear')
    return predictLinearNotifications(samples, { ...opts, windowMin: rule.windowMin });
  return replaySeries(samples, { threshold: opts.threshold, rule: { lookaheadMin: opts.lookaheadMin } });
}
