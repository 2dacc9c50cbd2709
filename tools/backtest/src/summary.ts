import {
  coverage80Of,
  createSeriesForecaster,
  emptyBins,
  maeOf,
  olsModel,
  predictLinearNotifications,
  replayGrid,
  scoreSeries,
  sumAccuracy,
  summariseScores,
  tallyAccuracy,
  tallyReliability,
} from '@autoscale/forecasting';
import type { AccuracyTally, ReliabilityBin, ScoreSummary, SeriesScore } from '@autoscale/forecasting';
import type { BacktestArgs, BaselineSpec } from './args';
import type { NamedSeries } from './csv.reader';

export const ACCURACY_HORIZONS_MIN = [15, 30, 60];

/** Named series scored together: one folder, or a synthetic suite. */
export type DataSet = { label: string; series: NamedSeries[] };

export type CellReport = {
  threshold: number;
  lookaheadMin: number;
  total: ScoreSummary;
  perFile?: { name: string; score: SeriesScore }[];
};
export type RuleReport = { label: string; cells: CellReport[]; pooled: ScoreSummary };
export type DataSetReport = { label: string; files: number; days: number; rules: RuleReport[] };

export type AccuracyReport = {
  horizonsMin: number[];
  productMae: number[];
  olsMae: number[];
  productCoverage80: number;
  olsCoverage80: number;
};

export type SummaryReport = {
  dataSets: DataSetReport[];
  /** Every data set together (absent with a single data set). */
  pooled: DataSetReport | null;
  /** Breach probability vs observed frequency, all data sets and combinations together. */
  reliability: ReliabilityBin[];
  accuracy: AccuracyReport;
};

type Raw = Map<string, SeriesScore[]>; // key `${rule}|${threshold}|${lookahead}` → one score per file, data set order

/**
 * Scores the product and each baseline over every data set and every threshold × lookahead,
 * the product's breach-probability reliability and its forecast accuracy against plain OLS
 * over the seed's 60-minute window.
 *
 * @example
 * buildSummary([{ label: 'data/nab', series }], args, [baselineFor(60)]).dataSets[0]?.rules[0]?.pooled.f1;
 */
export function buildSummary(
  dataSets: readonly DataSet[],
  args: BacktestArgs,
  baselines: readonly BaselineSpec[],
): SummaryReport {
  const labels = ['product', ...baselines.map((b) => b.label)];
  const reliability = emptyBins(10);
  const product: AccuracyTally[] = [];
  const ols: AccuracyTally[] = [];
  const perSet: Raw[] = [];
  for (const set of dataSets) {
    const raw: Raw = new Map();
    const push = (rule: string, threshold: number, lookaheadMin: number, score: SeriesScore) => {
      const key = `${rule}|${threshold}|${lookaheadMin}`;
      raw.set(key, [...(raw.get(key) ?? []), score]);
    };
    for (const s of set.series) {
      const grid = replayGrid(s.samples, {
        thresholds: args.thresholds,
        lookaheadsMin: args.lookaheadsMin,
        accuracyHorizonsMin: ACCURACY_HORIZONS_MIN,
      });
      product.push(grid.accuracy);
      ols.push(tallyAccuracy(s.samples, createSeriesForecaster({ windowMin: 60 }, olsModel), ACCURACY_HORIZONS_MIN));
      for (const run of grid.runs) {
        const opts = { threshold: run.threshold, lookaheadMin: run.lookaheadMin };
        push('product', run.threshold, run.lookaheadMin, scoreSeries(s.samples, run.notifications, opts));
        tallyReliability(s.samples, run.probabilities, run.threshold, run.lookaheadMin, reliability);
        for (const b of baselines) {
          const notes = predictLinearNotifications(s.samples, { ...opts, windowMin: b.windowMin });
          push(b.label, run.threshold, run.lookaheadMin, scoreSeries(s.samples, notes, opts));
        }
      }
    }
    perSet.push(raw);
  }
  const report = (label: string, sets: readonly DataSet[], raws: readonly Raw[]): DataSetReport => {
    const names = sets.flatMap((s) => s.series.map((x) => x.name));
    const rules = labels.map((rule) => {
      const cells = args.thresholds.flatMap((threshold) =>
        args.lookaheadsMin.map((lookaheadMin): CellReport => {
          const scores = raws.flatMap((r) => r.get(`${rule}|${threshold}|${lookaheadMin}`) ?? []);
          const cell: CellReport = { threshold, lookaheadMin, total: summariseScores(scores) };
          return args.perFile ? { ...cell, perFile: scores.map((score, i) => ({ name: names[i]!, score })) } : cell;
        }),
      );
      const all = raws.flatMap((r) => [...r.entries()].filter(([k]) => k.startsWith(`${rule}|`)).flatMap(([, v]) => v));
      return { label: rule, cells, pooled: summariseScores(all) };
    });
    const days = rules[0]?.cells[0]?.total.days ?? 0;
    return { label, files: names.length, days, rules };
  };
  const h = ACCURACY_HORIZONS_MIN;
  const p = sumAccuracy(product, h);
  const o = sumAccuracy(ols, h);
  return {
    dataSets: dataSets.map((set, i) => report(set.label, [set], [perSet[i]!])),
    pooled: dataSets.length > 1 ? report('all data sets pooled', dataSets, perSet) : null,
    reliability,
    accuracy: {
      horizonsMin: h,
      productMae: maeOf(p),
      olsMae: maeOf(o),
      productCoverage80: coverage80Of(p),
      olsCoverage80: coverage80Of(o),
    },
  };
}
