import type { SeriesScore } from '@autoscale/forecasting';
import type { SummaryReport } from './summary';

const COLUMNS = ['series', 'incidents', 'detected', 'recall', 'alerts', 'TP', 'FP', 'precision', 'F1', 'median lead', 'FA/day'];

/**
 * Renders the summary as plain-text tables: one per rule (per file and total), then the
 * forecast accuracy. Stable layout so it can be pasted into docs and diffed.
 *
 * @example
 * console.log(formatSummary(report));
 */
export function formatSummary(report: SummaryReport): string {
  const out: string[] = [];
  for (const rule of report.rules) {
    const rows = rule.perFile.map((f) => scoreRow(f.name, f.score));
    rows.push(scoreRow('TOTAL', rule.total));
    out.push(`## ${rule.label}`, table(COLUMNS, rows), '');
  }
  out.push('## overview (TOTAL)', table(['rule', 'recall', 'precision', 'F1', 'median lead', 'FA/day'], report.rules.map((r) => {
    const row = scoreRow(r.label, r.total);
    return [row[0]!, row[3]!, row[7]!, row[8]!, row[9]!, row[10]!];
  })), '');
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

function scoreRow(name: string, s: SeriesScore): string[] {
  const recall = s.incidents > 0 ? s.detectedIncidents / s.incidents : Number.NaN;
  const precision = s.predictiveAlerts > 0 ? s.truePositives / s.predictiveAlerts : Number.NaN;
  const f1 = recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : Number.NaN;
  const sorted = [...s.leadTimesMin].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return [
    name,
    String(s.incidents),
    String(s.detectedIncidents),
    fixed3(recall),
    String(s.predictiveAlerts),
    String(s.truePositives),
    String(s.falsePositives),
    fixed3(precision),
    fixed3(f1),
    median === null ? '-' : `${median.toFixed(0)} min`,
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
