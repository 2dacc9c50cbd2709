import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULE_PARAMS, evaluateAlertRule, INITIAL_ALERT_RULE_STATE } from './alert-rule';
import type { AlertObservation, AlertRuleState } from './alert-rule';

const MIN = 60_000;
const obs = (i: number, current: number, inMin: number | null): AlertObservation => ({
  t: i * 5 * MIN,
  current,
  threshold: 90,
  model: 'holt',
  breach:
    inMin === null ? null : { earliest: i * 5 * MIN + inMin * MIN, likely: i * 5 * MIN + inMin * MIN, latest: null },
});

/** A series past its warm-up, unless `fresh`. */
function run(seq: AlertObservation[], fresh = false) {
  let state: AlertRuleState = fresh
    ? INITIAL_ALERT_RULE_STATE
    : { ...INITIAL_ALERT_RULE_STATE, seen: DEFAULT_ALERT_RULE_PARAMS.warmupCount };
  return seq.map((o) => {
    const d = evaluateAlertRule(state, o, DEFAULT_ALERT_RULE_PARAMS);
    state = JSON.parse(JSON.stringify(d.state)) as AlertRuleState; // as the alerter's KV store does
    return d.notify?.kind ?? null;
  });
}

describe('alert rule', () => {
  it('does not page on a single forecast (debounce)', () => {
    expect(run([obs(0, 50, 30), obs(1, 50, null), obs(2, 50, null)])).toEqual([null, null, null]);
  });

  it('warns once on a confirmed forecast, then escalates once on a sustained breach, then resolves', () => {
    const seq = [obs(0, 50, 30), obs(1, 60, 25), obs(2, 70, 20), obs(3, 95, 0), obs(4, 96, 0), obs(5, 97, 0)];
    for (let i = 6; i < 16; i++) seq.push(obs(i, 40, null));
    const kinds = run(seq).filter((k) => k !== null);
    expect(kinds).toEqual(['forecast', 'breach', 'resolved']);
  });

  it('does not resolve while the value hovers just under the threshold (hysteresis)', () => {
    const seq = [obs(0, 50, 30), obs(1, 60, 25)];
    for (let i = 2; i < 30; i++) seq.push(obs(i, 88, null));
    expect(run(seq).filter((k) => k !== null)).toEqual(['forecast']);
  });

  it('holds forecast warnings while a new series warms up, but not breaches', () => {
    const early = Array.from({ length: 6 }, (_, i) => obs(i, 60 + i, 20));
    expect(run(early, true)).toEqual([null, null, null, null, null, null]);
    const breach = [obs(0, 95, 0), obs(1, 96, 0)];
    expect(run(breach, true)).toEqual([null, 'breach']);
    const later = [...Array.from({ length: 12 }, (_, i) => obs(i, 40, null)), obs(12, 70, 20), obs(13, 75, 15)];
    expect(run(later, true).filter((k) => k !== null)).toEqual(['forecast']);
  });

  it('warns of a recurrence only once the value has been below for 20 minutes after a breach', () => {
    const breach = [obs(0, 50, 30), obs(1, 60, 25), obs(2, 95, 0), obs(3, 96, 0)];
    // Below from i = 4; a crossing is predicted again from i = 5 on.
    const below = Array.from({ length: 6 }, (_, k) => obs(4 + k, 60, k === 0 ? null : 20));
    const kinds = run([...breach, ...below]);
    expect(kinds.slice(0, 4).filter((k) => k !== null)).toEqual(['forecast', 'breach']);
    // 15 min below (i = 7) is still the same saturation; 20 min (i = 8) is news.
    expect(kinds.slice(4)).toEqual([null, null, null, null, 'forecast', null]);
  });
});
