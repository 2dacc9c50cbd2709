import { describe, expect, it } from 'vitest';
import { normalPrediction } from './models/interval';
import type { FittedModel } from './models/model';
import { breachProbabilities, probabilityAbove, probabilityWithin } from './breach-probability';
import { emptyBins, tallyReliability } from './backtest/reliability';

const MIN = 60_000;

/** A flat forecast at `level` with a normal interval of spread `sd`: exactly what i.i.d. noise around it is. */
const flat = (level: number, sd: number): FittedModel => ({
  name: 'flat',
  slopePerMin: 0,
  predict: () => normalPrediction(level, sd),
});

describe('breach probability', () => {
  it('is the normal tail of the calibrated interval at one step', () => {
    expect(probabilityAbove(normalPrediction(80, 10), 80)).toBeCloseTo(0.5, 3);
    expect(probabilityAbove(normalPrediction(80, 10), 92.816)).toBeCloseTo(0.1, 2);
    expect(probabilityAbove(normalPrediction(80, 10), 60)).toBeGreaterThan(0.97);
  });

  it('grows with the lookahead and is read off linearly between lookaheads', () => {
    const rising: FittedModel = {
      name: 'ramp',
      slopePerMin: 0.5,
      predict: (t) => normalPrediction(50 + 0.5 * (t / MIN), 3),
    };
    const list = breachProbabilities(rising, 0, 90, [15, 30, 60, 120], { stepMin: 5, sustainMin: 10 });
    const ps = list.map((b) => b.p);
    expect([...ps].sort((a, b) => a - b)).toEqual(ps);
    expect(ps[0]).toBeLessThan(0.01); // 57.5 % in 15 minutes
    expect(ps[3]).toBeGreaterThan(0.99); // 110 % in 120 minutes
    expect(probabilityWithin(list, 45)).toBeCloseTo((ps[1]! + ps[2]!) / 2, 6);
  });

  it('matches the observed frequency on noise whose distribution the model knows (reliability within 0.05 per bin)', () => {
    // i.i.d. normal noise around a level: one-step P(value ≥ threshold) is known exactly, so the
    // forecasts at each level must come true as often as they say.
    let seed = 7;
    const gauss = () => {
      seed = (seed * 16807) % 2147483647;
      const u = seed / 2147483647;
      seed = (seed * 16807) % 2147483647;
      const v = seed / 2147483647;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
    const bins = emptyBins(10);
    for (const level of [70, 75, 80, 85, 88]) {
      const samples = Array.from({ length: 4000 }, (_, i) => ({ t: i * 5 * MIN, value: level + 5 * gauss() }));
      const model = flat(level, 5);
      // The next sample only: lookahead 5 min, no sustain, as a point probability.
      const p = probabilityAbove(model.predict(0), 90);
      const probs = samples.slice(0, -2).map((s) => ({ t: s.t, p }));
      // A "sustained crossing within 5 min" is the next two samples above: p² for independent samples.
      tallyReliability(
        samples,
        probs.map((x) => ({ ...x, p: x.p * x.p })),
        90,
        5,
        bins,
      );
    }
    const used = bins.filter((b) => b.count >= 1000);
    expect(used.length).toBeGreaterThanOrEqual(2);
    for (const b of used) expect(Math.abs(b.sumP / b.count - b.hits / b.count)).toBeLessThan(0.05);
  });
});
