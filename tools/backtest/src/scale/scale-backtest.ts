import type { NamedSeries } from '../csv.reader';
import { simulate } from './capacity-sim';
import type { SimResult } from './capacity-sim';
import { dailyProfilePolicy } from './daily-profile.policy';
import { productPolicy } from './product.policy';
import { reactivePolicy } from './reactive.policy';
import type { PolicyOptions, ScalePolicy } from './scale-policy';

export type ScalePolicyResult = SimResult & { name: string; leadMin: number };
export type ScaleBacktestReport = {
  series: number;
  baseCapacity: number;
  targetUtilization: number;
  threshold: number;
  policies: ScalePolicyResult[];
};

const POLICIES: Array<(opts: PolicyOptions) => ScalePolicy> = [
  () => ({ name: 'none', desired: (obs) => obs.capacity }),
  reactivePolicy,
  dailyProfilePolicy,
  (opts) => productPolicy(opts),
  (opts) => productPolicy(opts, 0),
];

export type ScaleBacktestOptions = {
  leadsMin: readonly number[];
  threshold: number;
  targetUtilization: number;
  baseCapacity: number;
};

/**
 * Every policy on the same demand (each series replayed as the load of a group recorded on
 * `baseCapacity` units), for each lead time; results summed over the series.
 *
 * @example
 * scaleBacktest(series, { leadsMin: [5, 10], threshold: 90, targetUtilization: 60, baseCapacity: 10 });
 */
export function scaleBacktest(series: readonly NamedSeries[], opts: ScaleBacktestOptions): ScaleBacktestReport {
  const policies: ScalePolicyResult[] = [];
  for (const leadMin of opts.leadsMin) {
    const policyOpts: PolicyOptions = {
      targetUtilization: opts.targetUtilization,
      leadMin,
      threshold: opts.threshold,
      minCapacity: 1,
      maxCapacity: opts.baseCapacity * 20,
    };
    for (const make of POLICIES) {
      const total: ScalePolicyResult = {
        name: make(policyOpts).name,
        leadMin,
        saturatedMinutes: 0,
        capacityHours: 0,
        decisions: 0,
      };
      for (const s of series) {
        const r = simulate(s.samples, make(policyOpts), {
          baseCapacity: opts.baseCapacity,
          leadMin,
          threshold: opts.threshold,
        });
        total.saturatedMinutes += r.saturatedMinutes;
        total.capacityHours += r.capacityHours;
        total.decisions += r.decisions;
      }
      total.capacityHours = Math.round(total.capacityHours * 10) / 10;
      policies.push(total);
    }
  }
  return {
    series: series.length,
    baseCapacity: opts.baseCapacity,
    targetUtilization: opts.targetUtilization,
    threshold: opts.threshold,
    policies,
  };
}

/**
 * The report as a table, with each scaling policy against the reactive rule of its lead.
 *
 * @example
 * formatScaleBacktest(report).join('\n');
 */
export function formatScaleBacktest(report: ScaleBacktestReport): string[] {
  const lines = [
    `capacity simulation: ${report.series} series, recorded on ${report.baseCapacity} units, target ${report.targetUtilization} %, saturated at ≥ ${report.threshold} %`,
    `${'lead'.padEnd(6)}${'policy'.padEnd(32)}${'saturated min'.padStart(14)}${'vs reactive'.padStart(13)}${'capacity-h'.padStart(12)}${'vs reactive'.padStart(13)}${'decisions'.padStart(11)}`,
  ];
  for (const p of report.policies) {
    const reactive = report.policies.find((r) => r.leadMin === p.leadMin && r.name.startsWith('reactive'))!;
    const pct = (a: number, b: number) =>
      b === 0 ? 'n/a' : `${a >= b ? '+' : ''}${Math.round((100 * (a - b)) / b)} %`;
    lines.push(
      `${`${p.leadMin}m`.padEnd(6)}${p.name.padEnd(32)}${String(Math.round(p.saturatedMinutes)).padStart(14)}${pct(p.saturatedMinutes, reactive.saturatedMinutes).padStart(13)}${p.capacityHours.toFixed(1).padStart(12)}${pct(p.capacityHours, reactive.capacityHours).padStart(13)}${String(p.decisions).padStart(11)}`,
    );
  }
  return lines;
}
