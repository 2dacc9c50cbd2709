import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULE_PARAMS, evaluateAlertRule, INITIAL_ALERT_RULE_STATE } from './alert-rule';
import type { AlertObservation, AlertRuleState } from './alert-rule';

const MIN = 60_000;
const obs = (i: number, current: number, inMin: number | null): AlertObservation => ({
  t: i * 5 * MIN,
  current,
  threshold: 90,
  model: 'holt',
  breach: inMin === null ? null : { earliest: i * 5 * MIN + inMin * MIN, likely: i * 5 * MIN + inMin * MIN, latest: null },
});

function run(seq: AlertObservation[]) {
  let state: AlertRuleState = INITIAL_ALERT_RULE_STATE;
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
});
