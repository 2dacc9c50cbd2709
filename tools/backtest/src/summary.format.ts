import type { ScoreSummary, SeriesScore } from '@autoscale/forecasting';
import { summariseScores } from '@autoscale/forecasting';
import type { DataSetReport, SummaryReport } from './summary';

const SCORE_COLUMNS = [
  'incidents',
  'detected',
  'recall',
  'alerts',
  'TP',
  'FP',
  'precision',
  'F1',
  'median lead',
  'FA/day',
];

/**
 * Renders the summary as plain-text tables: per data set one row per rule × threshold ×
 * lookahead plus a pooled row per rule; the same for all data sets pooled; the product's
 * margin over the best predict_linear; the breach-probability reliability; the forecast
 * accuracy. Stable layout so it can be pasted into docs and diffed.
 *
 * @example
 * console.log(formatSummary(report));
 */
export function formatSummary(report: SummaryReport): string {
  const out: string[] = [];
  const sets = report.pooled ? [...report.dataSets, report.pooled] : report.dataSets;
  for (const set of sets) out.push(...dataSetTables(set));
  const headline = report.pooled ?? report.dataSets[0];
  if (headline) out.push(...comparison(headline));
  out.push(
    '## breach probability reliability (product, all data sets and combinations, forecasts below the threshold)',
    table(
      ['P bin', 'forecasts', 'mean P', 'observed'],
      report.reliability.map((b) => [
        `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`,
        String(b.count),
        b.count > 0 ? (b.sumP / b.count).toFixed(3) : '-',
        b.count > 0 ? (b.hits / b.count).toFixed(3) : '-',
      ]),
    ),
    '',
  );
  const a = report.accuracy;
  out.push(
    '## forecast accuracy (all series, after the first hour)',
    table(
      ['forecaster', ...a.horizonsMin.map((h) => `MAE ${h}m`), '80% coverage'],
      [
        ['product', ...a.productMae.map(fixed2), pct(a.productCoverage80)],
        ['ols 60m (seed)', ...a.olsMae.map(fixed2), pct(a.olsCoverage80)],
      ],
    ),
  );
  return out.join('\n');
}

function dataSetTables(set: DataSetReport): string[] {
  const rows: string[][] = [];
  for (const rule of set.rules) {
    for (const c of rule.cells)
      rows.push([rule.label, String(c.threshold), `${c.lookaheadMin}m`, ...scoreCells(c.total)]);
    if (rule.cells.length > 1) rows.push([rule.label, 'pooled', '', ...scoreCells(rule.pooled)]);
  }
  const out = [
    `## ${set.label} (${set.files} files, ${set.days.toFixed(1)} days)`,
    table(['rule', 'threshold', 'lookahead', ...SCORE_COLUMNS], rows),
    '',
  ];
  const product = set.rules[0];
  for (const c of product?.cells ?? []) {
    if (!c.perFile) continue;
    out.push(
      `### ${set.label}: product per file, threshold ${c.threshold}, lookahead ${c.lookaheadMin}m`,
      table(['series', ...SCORE_COLUMNS], [...c.perFile.map((f) => [f.name, ...scoreCells(summarise(f.score))])]),
      '',
    );
  }
  return out;
}

/** Per threshold and lookahead: the product against the best predict_linear by F1. */
function comparison(set: DataSetReport): string[] {
  const [product, ...baselines] = set.rules;
  if (!product || baselines.length === 0) return [];
  const rows = product.cells.map((c, i) => {
    const best = baselines
      .map((b) => ({ label: b.label, f1: b.cells[i]!.total.f1 }))
      .reduce((x, y) => (y.f1 > x.f1 ? y : x));
    const ratio = best.f1 > 0 ? `${(c.total.f1 / best.f1).toFixed(1)}×` : '-';
    const lead = c.total.medianLeadMin === null ? '-' : `${c.total.medianLeadMin.toFixed(0)} min`;
    return [
      String(c.threshold),
      `${c.lookaheadMin}m`,
      fixed3(c.total.f1),
      best.label,
      fixed3(best.f1),
      ratio,
      fixed2(c.total.falseAlarmsPerDay),
      lead,
    ];
  });
  return [
    `## product vs best predict_linear (${set.label})`,
    table(['threshold', 'lookahead', 'product F1', 'best baseline', 'its F1', 'ratio', 'FA/day', 'median lead'], rows),
    '',
  ];
}

const summarise = (s: SeriesScore): ScoreSummary => summariseScores([s]);

function scoreCells(s: ScoreSummary): string[] {
  const recall = s.incidents > 0 ? s.recall : Number.NaN;
  const precision = s.predictiveAlerts > 0 ? s.precision : Number.NaN;
  const f1 = s.incidents > 0 && s.predictiveAlerts > 0 ? s.f1 : Number.NaN;
  return [
    String(s.incidents),
    String(s.detectedIncidents),
    fixed3(recall),
    String(s.predictiveAlerts),
    String(s.truePositives),
    String(s.falsePositives),
    fixed3(precision),
    fixed3(f1),
    s.medianLeadMin === null ? '-' : `${s.medianLeadMin.toFixed(0)} min`,
    fixed2(s.days > 0 ? s.falsePositives / s.days : Number.NaN),
  ];
}

const fixed3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '-');
const fixed2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : '-');

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
