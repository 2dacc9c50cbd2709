import { describe, expect, it } from 'vitest';
import { memorySuite } from './memory-suite';
import { replayGrid } from './replay-grid';
import { findIncidents, scoreSeries, summariseScores } from './scoring';
import type { SeriesScore } from './scoring';

describe('synthetic memory suite', () => {
  it('is deterministic: the same seed gives the same series', () => {
    expect(memorySuite()).toEqual(memorySuite());
    expect(memorySuite({ seed: 1 })[0]!.samples).not.toEqual(memorySuite()[0]!.samples);
  });

  it('leaks saturate at 90 (and restart), plateaus never reach 80', () => {
    for (const s of memorySuite()) {
      const max = Math.max(...s.samples.map((x) => x.value));
      if (s.kind === 'leak') expect(findIncidents(s.samples, 90).length).toBeGreaterThanOrEqual(1);
      else expect(max).toBeLessThan(80);
    }
  });

  it('the product never warns on a plateau or a restart pattern, at 80, 90 or 95, lookahead 60 or 120', () => {
    for (const s of memorySuite().filter((x) => x.kind === 'plateau')) {
      // One pass per series for the three thresholds, as the backtest does (the same calls as the services).
      const { runs } = replayGrid(s.samples, { thresholds: [80, 90, 95], lookaheadsMin: [60, 120] });
      for (const run of runs) {
        const warnings = run.notifications.filter((n) => n.kind === 'forecast').length;
        const where = { series: s.name, threshold: run.threshold, lookahead: run.lookaheadMin };
        expect({ ...where, warnings }).toEqual({ ...where, warnings: 0 });
      }
    }
  }, 300_000);

  it('the product warns of a leak at least 45 minutes ahead (median) at 80, 90 and 95, lookahead 60', () => {
    const scores = new Map<number, SeriesScore[]>([
      [80, []],
      [90, []],
      [95, []],
    ]);
    for (const s of memorySuite().filter((x) => x.kind === 'leak')) {
      const { runs } = replayGrid(s.samples, { thresholds: [...scores.keys()], lookaheadsMin: [60] });
      for (const run of runs)
        scores
          .get(run.threshold)!
          .push(scoreSeries(s.samples, run.notifications, { threshold: run.threshold, lookaheadMin: 60 }));
    }
    for (const [threshold, perSeries] of scores) {
      const summary = summariseScores(perSeries);
      expect({ threshold, leadAtLeast45: summary.medianLeadMin! >= 45 }).toEqual({ threshold, leadAtLeast45: true });
      // Early enough and not too early: most leaks are warned within the lookahead (+15 min) of saturating.
      expect(summary.recall).toBeGreaterThan(0.9);
    }
  }, 300_000);
});
