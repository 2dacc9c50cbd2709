import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCounters } from '@autoscale/observability';
import { registerService } from './micro-service';
import { collectServiceStats } from './service-stats';
import { createTestBus } from './testing/test-bus';
import type { TestBus } from './testing/test-bus';

let bus: TestBus;
let other: TestBus;

beforeAll(async () => {
  [bus, other] = await Promise.all([createTestBus(), createTestBus()]);
});
afterAll(async () => {
  await Promise.all([bus?.cleanup(), other?.cleanup()]);
});

describe('registerService', () => {
  it('shows each running instance with its counters to collectServiceStats', async () => {
    const counters = createCounters();
    counters.inc('published', 7);
    const first = await registerService(bus.nc, bus.names, 'collector', counters);
    const second = await registerService(bus.nc, bus.names, 'collector', createCounters());
    try {
      counters.inc('published');
      const running = await collectServiceStats(bus.nc, bus.names);

      expect(running).toHaveLength(2);
      expect(running.map((s) => s.counters.published ?? 0).sort()).toEqual([0, 8]);
      expect(running[0]).toMatchObject({ service: 'collector', version: '0.1.0', startedAt: expect.any(String) });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('answers its status endpoint with the ServiceStatus shape', async () => {
    const counters = createCounters();
    counters.inc('forecasts', 3);
    const service = await registerService(bus.nc, bus.names, 'forecaster', counters);
    try {
      const reply = await bus.nc.request(`${bus.names.services.name('forecaster')}.status`, '', { timeout: 2000 });

      expect(reply.json()).toMatchObject({ service: 'forecaster', counters: { forecasts: 3 } });
    } finally {
      await service.stop();
    }
  });

  it('keeps the services of another bus namespace out of the stats', async () => {
    const service = await registerService(other.nc, other.names, 'alerter', createCounters());
    try {
      expect(await collectServiceStats(bus.nc, bus.names)).toEqual([]);
      expect((await collectServiceStats(other.nc, other.names)).map((s) => s.service)).toEqual(['alerter']);
    } finally {
      await service.stop();
    }
  });
});
