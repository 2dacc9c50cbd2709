import {
  coverage80Of,
  createSeriesForecaster,
  maeOf,
  olsModel,
  runRule,
  scoreSeries,
  sumAccuracy,
  summariseScores,
  tallyAccuracy,
} from '@autoscale/forecasting';
import type { AccuracyTally, BacktestRule, ScoreSummary, SeriesScore } from '@autoscale/forecasting';
import type { BacktestArgs } from './args';
import type { NamedSeries } from './csv.reader';

export const ACCURACY_HORIZONS_MIN = [15, 30, 60];

export type RuleReport = { label: string; perFile: { name: string; score: SeriesScore }[]; total: ScoreSummary };

export type AccuracyReport = {
  horizonsMin: number[];
  productMae: number[];
  olsMae: number[];
  productCoverage80: number;
  olsCoverage80: number;
};

export type SummaryReport = { rules: RuleReport[]; accuracy: AccuracyReport };

/**
 * Scores the product and each baseline over every series, and the product's forecast accuracy
 * against plain OLS over the seed's 60-minute window.
 *
 * @example
 * buildSummary(series, args).rules[0]?.total.f1;
 */
export function buildSummary(
  series: readonly NamedSeries[],
  args: BacktestArgs,
  baselines: readonly { label: string; rule: BacktestRule }[],
): SummaryReport {
  const opts = { threshold: args.threshold, lookaheadMin: args.lookaheadMin };
  const rules = [{ label: 'product', rule: { kind: 'product' } as BacktestRule }, ...baselines].map(
    ({ label, rule }) => {
      const perFile = series.map((s) => ({
        name: s.name,
        score: scoreSeries(s.samples, runRule(s.samples, rule, opts), opts),
      }));
      return { label, perFile, total: summariseScores(perFile.map((p) => p.score)) };
    },
  );
  return { rules, accuracy: buildAccuracy(series) };
}

function buildAccuracy(series: readonly NamedSeries[]): AccuracyReport {
  const h = ACCURACY_HORIZONS_MIN;
  const product: AccuracyTally[] = [];
  const ols: AccuracyTally[] = [];
  for (const s of series) {
    product.push(tallyAccuracy(s.samples, createSeriesForecaster(), h));
    ols.push(tallyAccuracy(s.samples, createSeriesForecaster({ windowMin: 60 }, olsModel), h));
  }
  const p = sumAccuracy(product, h);
  const o = sumAccuracy(ols, h);
  return {
    horizonsMin: h,
    productMae: maeOf(p),
    olsMae: maeOf(o),
    productCoverage80: coverage80Of(p),
    olsCoverage80: coverage80Of(o),
  };
}
