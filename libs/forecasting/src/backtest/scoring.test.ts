import { describe, expect, it } from 'vitest';
import { findIncidents, scoreSeries, summariseScores } from './scoring';

const MIN = 60_000;
const series = (values: number[]) => values.map((value, i) => ({ t: i * 5 * MIN, value }));

describe('backtest scoring', () => {
  // 13 samples of warm-up (first hour), then a two-sample incident at index 20.
  const values = Array.from({ length: 40 }, (_, i) => (i === 20 || i === 21 ? 95 : 50));
  const samples = series(values);

  it('counts an incident only for two samples in a row at or above the threshold after the first hour', () => {
    expect(findIncidents(samples, 90)).toEqual([20 * 5 * MIN]);
    expect(findIncidents(series([95, 95, 50, 50]), 90)).toEqual([]);
    expect(findIncidents(series([...Array(15).fill(50), 95, 50, 50]), 90)).toEqual([]);
  });

  it('does not start a new incident within 30 minutes of the last sample above the threshold', () => {
    const v = Array.from({ length: 40 }, (_, i) => ([20, 21, 25, 26, 35, 36].includes(i) ? 95 : 50));
    expect(findIncidents(series(v), 90)).toEqual([20 * 5 * MIN, 35 * 5 * MIN]);
  });

  it('scores on-time alerts as true positives and others as false positives', () => {
    const alerts = [
      { t: 14 * 5 * MIN, kind: 'forecast' as const, current: 50 }, // 30 min before: TP
      { t: 2 * 5 * MIN, kind: 'forecast' as const, current: 50 }, // first hour: ignored
      { t: 30 * 5 * MIN, kind: 'forecast' as const, current: 50 }, // after the incident: FP
      { t: 21 * 5 * MIN, kind: 'forecast' as const, current: 95 }, // above threshold: ignored
      { t: 19 * 5 * MIN, kind: 'breach' as const, current: 50 }, // not a forecast: ignored
    ];
    const score = scoreSeries(samples, alerts, { threshold: 90, lookaheadMin: 60 });
    expect(score).toMatchObject({
      incidents: 1,
      detectedIncidents: 1,
      predictiveAlerts: 2,
      truePositives: 1,
      falsePositives: 1,
    });
    expect(score.leadTimesMin).toEqual([30]);
    const summary = summariseScores([score]);
    expect(summary.recall).toBe(1);
    expect(summary.precision).toBe(0.5);
    expect(summary.medianLeadMin).toBe(30);
  });

  it('misses an alert sent more than lookahead + 15 minutes before the incident', () => {
    const score = scoreSeries(samples, [{ t: 0 + 13 * 5 * MIN - 20 * MIN, kind: 'forecast', current: 50 }], {
      threshold: 90,
      lookaheadMin: 30,
    });
    expect(score.detectedIncidents).toBe(0);
  });
});
