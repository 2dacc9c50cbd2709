import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemberOutlook } from './member-outlook';
import { decideScale, INITIAL_SCALE_STATE, isExecutable, shouldSend } from './scale-decision';
import type { ScalePolicy } from './scale-policy';

const policy: ScalePolicy = {
  targetUtilization: 60,
  minCapacity: 2,
  maxCapacity: 40,
  leadMin: 5,
  maxStep: 10,
  minBreachProbability: 0.2,
  scaleInAfterMin: null,
};
const member = (o: Partial<MemberOutlook> = {}): MemberOutlook => ({
  t: 0,
  current: 50,
  expected: 55,
  upper: 65,
  breachProbability: 0.05,
  ...o,
});
const decide = (
  members: MemberOutlook[],
  currentCapacity = 4,
  p: Partial<ScalePolicy> = {},
  state = INITIAL_SCALE_STATE,
  t = 0,
) => decideScale({ ...policy, ...p }, state, { t, currentCapacity, members });

describe('decideScale', () => {
  it('adds capacity for the utilisation expected at the lead time: ceil(current × expected ÷ target)', () => {
    const { decision } = decide([member({ expected: 90 }), member({ expected: 90 })], 4);
    expect(decision.desired).toBe(6);
    expect(decision.action).toBe('scale-out');
    expect(decision.reason).toBe('expected 90% (central) in 5 min > target 60% on 4: 6');
  });

  it('reads the upper 80 % bound only when the breach probability reaches the gate', () => {
    const quiet = decide([member({ expected: 55, upper: 95, breachProbability: 0.1 })], 4);
    expect(quiet.decision.desired).toBe(4);
    const likely = decide([member({ expected: 55, upper: 95, breachProbability: 0.5 })], 4);
    expect(likely.decision.desired).toBe(7);
    expect(likely.decision.reason).toContain('upper bound');
  });

  it('never scales in on a forecast: a quiet forecast holds the current capacity', () => {
    const { decision } = decide([member({ current: 10, expected: 10, upper: 12 })], 10);
    expect(decision).toMatchObject({ desired: 10, action: 'hold' });
    // What the forecast alone needs, for an HPA that takes the highest of its triggers.
    expect(decision.forecastCapacity).toBe(2);
  });

  it('limits one step and says so', () => {
    const { decision } = decide([member({ expected: 600 })], 4, { maxStep: 3 });
    expect(decision.desired).toBe(7);
    expect(decision.reason).toContain('limited from 40');
  });

  it('scales in after the configured time below target, never below what the load needs now', () => {
    const p = { scaleInAfterMin: 10 };
    const members = [member({ current: 40, expected: 20, upper: 25 })];
    const first = decide(members, 10, p, INITIAL_SCALE_STATE, 0);
    expect(first.decision.desired).toBe(10);
    const later = decide(members, 10, p, first.state, 10 * 60_000);
    // The load now (40 % of 10) needs 7; the forecast alone would need 4.
    expect(later.decision).toMatchObject({ desired: 7, action: 'scale-in' });
  });

  it('holds (bounded by min and max) without member forecasts', () => {
    expect(decide([], 1).decision).toMatchObject({ desired: 2, reason: 'no member forecasts: hold at 2' });
  });
});

describe('decideScale properties', () => {
  const outlook = fc.record({
    t: fc.constant(0),
    current: fc.double({ min: 0, max: 100, noNaN: true }),
    expected: fc.double({ min: 0, max: 150, noNaN: true }),
    upper: fc.double({ min: 0, max: 200, noNaN: true }),
    breachProbability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  });
  const bounds = fc
    .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
    .map(([a, b]) => ({ minCapacity: Math.min(a, b), maxCapacity: Math.max(a, b) }));
  const scenario = fc.record({
    members: fc.array(outlook, { maxLength: 8 }),
    current: fc.integer({ min: 0, max: 80 }),
    bounds,
    maxStep: fc.integer({ min: 1, max: 20 }),
    targetUtilization: fc.double({ min: 10, max: 95, noNaN: true }),
    scaleInAfterMin: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
    belowSinceMinAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const run = (s: Scenario) => {
    const state = { belowTargetSince: s.belowSinceMinAgo === null ? null : -s.belowSinceMinAgo * 60_000 };
    return decideScale(
      {
        ...policy,
        ...s.bounds,
        maxStep: s.maxStep,
        targetUtilization: s.targetUtilization,
        scaleInAfterMin: s.scaleInAfterMin,
      },
      state,
      {
        t: 0,
        currentCapacity: s.current,
        members: s.members,
      },
    ).decision;
  };

  it('never decides above max nor below min', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        return d.desired <= s.bounds.maxCapacity && d.desired >= s.bounds.minCapacity && Number.isInteger(d.desired);
      }),
    );
  });

  it('never scales in on a forecast: without scale-in configured, below the current capacity only to respect max', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run({ ...s, scaleInAfterMin: null });
        return d.desired >= Math.min(s.current, s.bounds.maxCapacity);
      }),
    );
  });

  it('scaling in never goes below what the current load needs', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        if (d.desired >= s.current || s.members.length === 0) return true;
        const mean = s.members.reduce((a, m) => a + m.current, 0) / s.members.length;
        const needNow = Math.ceil((Math.max(s.current, 1) * mean) / s.targetUtilization - 1e-9);
        return d.desired >= Math.min(needNow, s.bounds.maxCapacity) || d.desired === s.bounds.maxCapacity;
      }),
    );
  });

  it('moves at most maxStep per decision, unless min or max force it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const d = run(s);
        const inBounds = s.current >= s.bounds.minCapacity && s.current <= s.bounds.maxCapacity;
        return !inBounds || Math.abs(d.desired - s.current) <= s.maxStep;
      }),
    );
  });
});

describe('isExecutable and shouldSend', () => {
  it('never executes a decision older than the lead time', () => {
    expect(isExecutable(0, 5 * 60_000, 5)).toBe(true);
    expect(isExecutable(0, 5 * 60_000 + 1, 5)).toBe(false);
  });

  it('does not re-send an identical consecutive decision', () => {
    expect(shouldSend(null, { desired: 6 })).toBe(true);
    expect(shouldSend(6, { desired: 6 })).toBe(false);
    expect(shouldSend(6, { desired: 7 })).toBe(true);
  });
});
