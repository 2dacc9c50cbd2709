import { runRule } from '@autoscale/forecasting';
import type { BacktestNotification, BacktestRule } from '@autoscale/forecasting';
import { baselineFor, DEFAULT_BASELINE_WINDOWS_MIN } from './args';
import type { BacktestArgs } from './args';
import { readSeries } from './csv.reader';
import { memorySuite } from './memory-suite';
import { formatScaleBacktest, scaleBacktest } from './scale/scale-backtest';
import { buildSummary } from './summary';
import type { DataSet } from './summary';
import { formatSummary } from './summary.format';

/** The printed shape of one notification. */
export type NotificationLine = {
  ts: string;
  kind: BacktestNotification['kind'];
  severity: BacktestNotification['severity'];
  breachAt: string | null;
  model: string;
  series?: string;
};

/**
 * Runs the backtest the arguments ask for and returns the lines to print: JSON lines of
 * notifications, or the summary tables (a JSON object with `--json`).
 *
 * @example
 * (await runBacktest(parseBacktestArgs(['--csv', 'a.csv']))).join('\n');
 */
export async function runBacktest(args: BacktestArgs): Promise<string[]> {
  const dataSets: DataSet[] = [];
  for (const path of args.csv) dataSets.push({ label: path, series: await readSeries([path]) });
  if (args.suites.includes('memory')) dataSets.push({ label: 'memory suite (synthetic)', series: memorySuite() });
  if (args.scale) {
    const report = scaleBacktest(
      dataSets.flatMap((d) => d.series),
      { leadsMin: args.leadsMin, threshold: args.thresholds[0]!, targetUtilization: 60, baseCapacity: 10 },
    );
    return args.json ? [JSON.stringify(report)] : formatScaleBacktest(report);
  }
  if (args.summary) {
    const baselines = args.baselines.length > 0 ? args.baselines : DEFAULT_BASELINE_WINDOWS_MIN.map(baselineFor);
    const report = buildSummary(dataSets, args, baselines);
    return args.json ? [JSON.stringify(report)] : [formatSummary(report)];
  }
  const baseline = args.baselines[0];
  const rule: BacktestRule = baseline ? { kind: 'predict_linear', windowMin: baseline.windowMin } : { kind: 'product' };
  const opts = { threshold: args.thresholds[0]!, lookaheadMin: args.lookaheadsMin[0]! };
  const series = dataSets.flatMap((d) => d.series);
  const several = series.length > 1;
  return series.flatMap((s) =>
    runRule(s.samples, rule, opts).map((n) => JSON.stringify(toLine(n, several ? s.name : undefined))),
  );
}

function toLine(n: BacktestNotification, series: string | undefined): NotificationLine {
  const line: NotificationLine = {
    ts: new Date(n.t).toISOString(),
    kind: n.kind,
    severity: n.severity,
    breachAt: n.breachAt === null ? null : new Date(n.breachAt).toISOString(),
    model: n.model,
  };
  return series === undefined ? line : { ...line, series };
}
