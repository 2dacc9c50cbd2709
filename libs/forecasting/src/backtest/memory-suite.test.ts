import { describe, expect, it } from 'vitest';
import { memorySuite } from './memory-suite';
import { replayGrid } from './replay-grid';
import { findIncidents } from './scoring';

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

  it('the product never warns on a plateau or a restart pattern, at 80, 90 or 95', () => {
    for (const s of memorySuite().filter((x) => x.kind === 'plateau')) {
      // One pass per series for the three thresholds, as the backtest does (the same calls as the services).
      const { runs } = replayGrid(s.samples, { thresholds: [80, 90, 95], lookaheadsMin: [120] });
      for (const run of runs) {
        const warnings = run.notifications.filter((n) => n.kind === 'forecast').length;
        expect({ series: s.name, threshold: run.threshold, warnings }).toEqual({ series: s.name, threshold: run.threshold, warnings: 0 });
      }
    }
  }, 300_000);
});
