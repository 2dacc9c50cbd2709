import { describe, expect, it } from 'vitest';
import type { MemberOutlook } from '@autoscale/scaling';
import { EMPTY_TARGET_RECORD, inputsOf, nextEpoch, withForecast } from './target-record';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (dt: number, current = 50): MemberOutlook => ({
  t: T0 + dt,
  current,
  expected: current,
  upper: current,
  breachProbability: null,
});

describe('target record', () => {
  it('waits for every known member before deciding an epoch, then decides it once', () => {
    let r = withForecast(EMPTY_TARGET_RECORD, 'a', at(0), 15 * MIN);
    r = withForecast(r, 'b', at(0), 15 * MIN);
    // Before the first decision, a poll is complete only once a member reports the next one.
    expect(nextEpoch(r)).toBeNull();
    r = withForecast(r, 'a', at(5 * MIN), 15 * MIN);
    expect(nextEpoch(r)?.t).toBe(T0);
    r = { ...r, lastDecidedAt: T0 };
    expect(nextEpoch(r)).toBeNull();
    r = withForecast(r, 'b', at(5 * MIN), 15 * MIN);
    expect(nextEpoch(r)?.t).toBe(T0 + 5 * MIN);
  });

  it("reads each member's newest forecast not after the epoch, whichever arrived first", () => {
    let r = withForecast(EMPTY_TARGET_RECORD, 'a', at(0, 10), 15 * MIN);
    r = withForecast(r, 'a', at(5 * MIN, 20), 15 * MIN);
    r = withForecast(r, 'b', at(0, 30), 15 * MIN);
    const epoch = nextEpoch(r)!;
    expect(epoch.t).toBe(T0);
    expect(inputsOf(epoch)).toMatchObject({
      t: T0,
      currentCapacity: 2,
      members: [
        { resourceId: 'a', current: 10 },
        { resourceId: 'b', current: 30 },
      ],
    });
  });

  it('leaves out a member silent for longer than the staleness', () => {
    let r = withForecast(EMPTY_TARGET_RECORD, 'gone', at(0), 15 * MIN);
    r = withForecast(r, 'a', at(20 * MIN), 15 * MIN);
    expect(Object.keys(r.members)).toEqual(['a']);
  });
});
