import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_RULE_PARAMS, INITIAL_ALERT_RULE_STATE } from '@autoscale/forecasting';
import type { AlertDecision, AlertObservation } from '@autoscale/forecasting';
import { catchUpUnsent } from './unsent-episode';

const T = Date.parse('2026-03-01T12:00:00Z');
const obs: AlertObservation = {
  t: T,
  current: 80,
  threshold: 90,
  model: 'holt',
  breach: { earliest: T + 10 * 60_000, likely: T + 20 * 60_000, latest: T + 40 * 60_000 },
};
const open = (over: Partial<AlertDecision['state']>): AlertDecision => ({
  notify: null,
  state: {
    ...INITIAL_ALERT_RULE_STATE,
    status: 'breach',
    episodeStartedAt: T - 3_600_000,
    lastNotifiedAt: T - 3_600_000,
    ...over,
  },
});

describe('catchUpUnsent', () => {
  it('pages an open episode still breaching as critical, in its episode, counted as notified now', () => {
    const { notify, state } = catchUpUnsent(open({ aboveCount: 3 }), obs, DEFAULT_ALERT_RULE_PARAMS);
    expect(notify).toEqual({ kind: 'breach', severity: 'critical', breachAt: T, episodeStartedAt: T - 3_600_000 });
    expect(state.lastNotifiedAt).toBe(T);
  });

  it('pages an open episode whose crossing is still predicted as a warning with the predicted moment', () => {
    const { notify } = catchUpUnsent(
      open({ status: 'forecast', recentPredicted: [true, true] }),
      obs,
      DEFAULT_ALERT_RULE_PARAMS,
    );
    expect(notify).toMatchObject({ kind: 'forecast', severity: 'warning', breachAt: T + 20 * 60_000 });
  });

  it('leaves alone an episode neither breaching nor predicted (the past), a closed one, and one that notifies anyway', () => {
    const quiet = open({ aboveCount: 0, recentPredicted: [true, false] });
    expect(catchUpUnsent(quiet, obs, DEFAULT_ALERT_RULE_PARAMS)).toBe(quiet);
    const closed: AlertDecision = { notify: null, state: INITIAL_ALERT_RULE_STATE };
    expect(catchUpUnsent(closed, obs, DEFAULT_ALERT_RULE_PARAMS)).toBe(closed);
    const notifying: AlertDecision = {
      ...open({ aboveCount: 3 }),
      notify: { kind: 'resolved', severity: 'info', breachAt: null, episodeStartedAt: T },
    };
    expect(catchUpUnsent(notifying, obs, DEFAULT_ALERT_RULE_PARAMS)).toBe(notifying);
  });
});
