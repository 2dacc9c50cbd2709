import type { BusNames } from '@autoscale/contracts';
import { forecastEvent } from '@autoscale/db/testing';

export type BadEvent = { family: 'metric' | 'forecast' | 'alert'; what: string; subject: string; data: string };

const json = (v: unknown) => JSON.stringify(v);

/**
 * One event of every class the contracts refuse, on every subject family. `real` is a
 * resource that must keep being forecast although it received them.
 */
export function badEvents(names: BusNames, real: string): BadEvent[] {
  const now = Date.now();
  const ts = new Date(now).toISOString();
  const sample = { v: 1, provider: 'local', resourceId: real, ts, metrics: { cpu: 50 } };
  const metric = (what: string, event: object | string, resourceId = real): BadEvent => ({
    family: 'metric',
    what,
    subject: names.subjects.metricSampled('local', resourceId),
    data: typeof event === 'string' ? event : json(event),
  });
  const forecast = forecastEvent(real, ts, { current: 50, slopePerMin: 0, samples: 3 });
  const fc = (what: string, event: object | string): BadEvent => ({
    family: 'forecast',
    what,
    subject: names.subjects.forecastUpdated(real, 'cpu'),
    data: typeof event === 'string' ? event : json(event),
  });
  const alert = {
    v: 1,
    id: 'bad-alert',
    resourceId: real,
    metric: 'cpu',
    kind: 'forecast',
    severity: 'warning',
    breachAt: null,
    message: 'm',
    firedAt: ts,
    deliveries: [],
  };
  const al = (what: string, event: object | string): BadEvent => ({
    family: 'alert',
    what,
    subject: names.subjects.alertFired('warning', real),
    data: typeof event === 'string' ? event : json(event),
  });
  return [
    metric('time in year 2999', { ...sample, ts: '2999-01-01T00:00:00.000Z' }),
    metric('time in year 0000', { ...sample, ts: '0000-01-01T00:00:00.000Z' }),
    metric('value 1e308', { ...sample, metrics: { cpu: 1e308 } }),
    metric('140 %', { ...sample, metrics: { cpu: 140 } }),
    metric('NUL in provider', { ...sample, provider: 'lo\u0000cal' }),
    metric('NUL in a label', { ...sample, labels: { zone: 'a\u0000b' } }),
    metric('100 KB of labels (event over 64 KB)', { ...sample, labels: { big: 'x'.repeat(100_000) } }),
    metric(
      'resource id of 300 characters',
      { ...sample, resourceId: 'bad-'.padEnd(300, 'r') },
      'bad-'.padEnd(300, 'r'),
    ),
    metric('not JSON', 'this is not json'),
    fc('generatedAt in year 2999', { ...forecast, generatedAt: '2999-01-01T00:00:00.000Z' }),
    fc('value -1e308', { ...forecast, current: -1e308 }),
    fc('NUL in model', { ...forecast, model: 'h\u0000' }),
    fc('100 KB of points (event over 64 KB)', {
      ...forecast,
      points: Array.from({ length: 1_500 }, () => ({ ts, value: 1.2345, lo: 1.1111, hi: 1.9999 })),
    }),
    fc('not JSON', '{"v":1,'),
    al('message of 10 KB', { ...alert, id: 'bad-alert-1', message: 'm'.repeat(10_000) }),
    al('NUL in message', { ...alert, id: 'bad-alert-2', message: 'a\u0000b' }),
    al('firedAt in year 0000', { ...alert, id: 'bad-alert-3', firedAt: '0000-01-01T00:00:00.000Z' }),
    al('not JSON', '\u0000\u0001'),
  ];
}
