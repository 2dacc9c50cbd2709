import { describe, expect, it } from 'vitest';
import { ScaleTargetName, scaleDecidedMsgId, scaleDecidedSchema } from './scale-decided.event';
import { scalingStreamEvent } from './event-descriptor';
import { busNames } from './bus-names';

const decision = {
  v: 1 as const,
  target: 'web',
  metric: 'cpu' as const,
  forecastAt: '2026-01-01T10:00:00.000Z',
  decidedAt: '2026-01-01T10:00:01.000Z',
  mode: 'recommend' as const,
  paused: false,
  action: 'scale-out' as const,
  current: 4,
  desired: 6,
  forecastCapacity: 6,
  currentUtilization: 55,
  expectedUtilization: 88,
  breachProbability: 0.4,
  targetUtilization: 60,
  minCapacity: 2,
  maxCapacity: 40,
  leadMin: 5,
  actuator: 'keda' as const,
  execute: false,
  reason: 'expected 88% (upper bound) in 5 min > target 60% on 4: 6',
  members: [],
};

describe('scale.decided', () => {
  it('dedupes on the target and the forecasts it was made from', () => {
    expect(scaleDecidedMsgId({ target: 'web', forecastAt: '2026-01-01T10:00:00Z' })).toBe(
      'web:2026-01-01T10:00:00.000Z',
    );
  });

  it('refuses a decision dated beyond the clock skew', () => {
    const schema = scaleDecidedSchema({ now: () => Date.parse('2026-01-01T09:00:00Z'), maxClockSkewSec: 300 });
    expect(schema.safeParse(decision).success).toBe(false);
    expect(scaleDecidedSchema().safeParse(decision).success).toBe(true);
  });

  it('accepts only subject-safe target names', () => {
    for (const ok of ['web', 'api-2', 'db_main']) expect(ScaleTargetName.safeParse(ok).success).toBe(true);
    for (const bad of ['Web', 'a.b', 'a*', '', '-x']) expect(ScaleTargetName.safeParse(bad).success).toBe(false);
  });

  it('routes decisions and actuation updates of the SCALING stream to their subjects', () => {
    const names = busNames('', 4);
    expect(scalingStreamEvent.subject(names, decision)).toBe('scale.decided.web');
    const update = {
      v: 1 as const,
      decisionId: 'web:x',
      target: 'web',
      actuator: 'keda' as const,
      desired: 6,
      status: 'done' as const,
      attempts: 1,
      at: decision.decidedAt,
    };
    expect(scalingStreamEvent.subject(names, update)).toBe('scale.actuation.done.web');
    expect(scalingStreamEvent.schema.parse(update)).toEqual(update);
  });
});
