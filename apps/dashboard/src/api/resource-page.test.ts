import { describe, expect, it } from 'vitest';
import { ResourcePage } from '@autoscale/http-contract';
import { toForecastSummary } from './forecast-summary';
import { applyForecast, soonestBreach, toPageView } from './resource-page';

const brief = {
  metric: 'cpu',
  generatedAt: '2026-01-01T00:00:00.000Z',
  model: 'holt',
  threshold: 90,
  current: 40,
  breachAt: null,
  interval: null,
  samples: 30,
} as const;

const page = ResourcePage.parse({
  total: 2,
  next: 'cursor-1',
  resources: [
    {
      resourceId: 'web-1',
      provider: 'aws',
      firstSeen: '2025-12-31T23:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      cpu: 40,
      mem: null,
      memoryAvailable: false,
      samples: 30,
      labels: null,
      status: 'ok',
      breachAt: null,
      forecasts: [brief],
      needed: 12,
    },
    {
      resourceId: 'web-2',
      provider: 'aws',
      firstSeen: '2026-01-01T00:00:00.000Z',
      lastSeen: '2026-01-01T00:00:00.000Z',
      cpu: 10,
      mem: 20,
      memoryAvailable: true,
      samples: 3,
      labels: { team: 'web' },
      status: 'warming_up',
      breachAt: null,
      forecasts: [],
      needed: 12,
    },
  ],
});

const live = (at: string, breachAt: string | null, current: number) =>
  toForecastSummary({ ...brief, resourceId: 'web-1', generatedAt: at, breachAt, current, points: [] });

describe('a page of the resource list', () => {
  it('keeps the gateway order, status and counts, with how far a warming machine is', () => {
    const view = toPageView(page, '"etag-1"');

    expect(view).toMatchObject({ total: 2, next: 'cursor-1', etag: '"etag-1"' });
    expect(view.rows.map((r) => [r.resourceId, r.status])).toEqual([
      ['web-1', 'ok'],
      ['web-2', 'warming_up'],
    ]);
    expect(view.rows[1]).toMatchObject({ samples: 3, needed: 12 });
  });

  it('shows a live forecast of a breach on its row: status, newest value and breach time', () => {
    const row = toPageView(page, null).rows[0]!;

    expect(applyForecast(row, live('2026-01-01T00:01:00.000Z', '2026-01-01T00:20:00.000Z', 70))).toBe(true);
    expect(row).toMatchObject({ status: 'forecast_breach', cpu: 70, lastSeen: Date.parse('2026-01-01T00:01:00.000Z') });
    expect(soonestBreach(row)?.breachAt).toBe(Date.parse('2026-01-01T00:20:00.000Z'));
  });

  it('ignores a forecast older than the one the row holds', () => {
    const row = toPageView(page, null).rows[0]!;

    expect(applyForecast(row, live('2025-12-31T23:59:00.000Z', null, 95))).toBe(false);
    expect(row).toMatchObject({ status: 'ok', cpu: 40 });
  });
});
