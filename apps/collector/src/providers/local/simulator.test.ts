import { describe, expect, it } from 'vitest';
import { createLocalProvider } from './local.provider';
import { simulatedProfile, simulatedValues } from './simulator';

const INTERVAL = 5 * 60_000;

function series(seed: number, index: number, ticks: number, from = 5_000_000, staggerOver?: number) {
  const profile = simulatedProfile(seed, index, staggerOver);
  return Array.from({ length: ticks }, (_, i) =>
    simulatedValues(seed, index, profile, from + i, (from + i) * INTERVAL),
  );
}

describe('the simulator', () => {
  it('gives the same series for the same seed and another for another seed', () => {
    expect(series(42, 1, 200)).toEqual(series(42, 1, 200));
    expect(series(43, 1, 200)).not.toEqual(series(42, 1, 200));
  });

  it('keeps every value a percentage', () => {
    for (const index of [0, 1, 2, 3]) {
      for (const { cpu, mem } of series(7, index, 500)) {
        expect(cpu).toBeGreaterThanOrEqual(0);
        expect(cpu).toBeLessThanOrEqual(100);
        expect(mem).toBeGreaterThanOrEqual(0);
        expect(mem).toBeLessThanOrEqual(100);
      }
    }
  });

  it('ramps the first resource into saturation every cycle and back down again', () => {
    const cpu = series(42, 0, 96).map((v) => v.cpu);
    const saturated = cpu.filter((v) => v >= 90).length;
    expect(saturated).toBeGreaterThanOrEqual(2 * 4);
    expect(cpu.filter((v) => v < 70).length).toBeGreaterThan(cpu.length / 2);
  });

  it('with SIM_RAMP_ALL ramps every resource every cycle, one after the other, the first as without it', () => {
    const ramping = [0, 1, 2, 3].map((index) => series(42, index, 96, 5_000_000, 4).map((v) => v.cpu >= 90));
    for (const saturated of ramping) expect(saturated.filter(Boolean).length).toBeGreaterThanOrEqual(2 * 4);
    const firstSaturated = ramping.map((saturated) => saturated.indexOf(true));
    expect(new Set(firstSaturated).size).toBe(4);
    expect(series(42, 0, 96, 5_000_000, 4)).toEqual(series(42, 0, 96));
  });

  it('has a daily cycle: noon and midnight differ for the same resource', () => {
    const profile = simulatedProfile(42, 2);
    const at = (hour: number) => {
      const t = Date.UTC(2026, 0, 10, hour);
      const tick = Math.floor(t / INTERVAL) + 10_000_000;
      return simulatedValues(42, 2, profile, tick, t).cpu;
    };
    expect(Math.abs(at(14) - at(2))).toBeGreaterThan(profile.noise);
  });
});

describe('the local provider', () => {
  const provider = createLocalProvider({ simResources: 3, simSeed: 42, intervalMs: INTERVAL, maxHistorySamples: 50 });

  it('polls the real host and each simulated resource at a time aligned to the interval', async () => {
    if (provider.kind !== 'polled') throw new Error('expected a polled provider');
    const samples = await provider.poll(new Date(Date.UTC(2026, 0, 1, 12, 7, 31)));
    expect(samples.map((s) => s.resourceId)).toEqual([expect.stringMatching(/^local-/), 'sim-01', 'sim-02', 'sim-03']);
    for (const s of samples) {
      expect(s.ts.toISOString()).toBe('2026-01-01T12:05:00.000Z');
      expect(s.metrics.cpu).toBeGreaterThanOrEqual(0);
      expect(s.metrics.mem).toBeGreaterThan(0);
    }
  });

  it('gives history for simulated resources only, bounded, oldest first, before now', async () => {
    if (provider.kind !== 'polled' || !provider.history) throw new Error('expected history');
    const to = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const history = await provider.history(new Date(to.getTime() - 24 * 3_600_000), to);
    expect(history).toHaveLength(3 * 50);
    const sim1 = history.filter((s) => s.resourceId === 'sim-01').map((s) => s.ts.getTime());
    expect(sim1).toEqual([...sim1].sort((a, b) => a - b));
    expect(Math.max(...sim1)).toBeLessThan(to.getTime());
  });

  it('repeats the same history on a restart (same dedupe ids)', async () => {
    if (provider.kind !== 'polled' || !provider.history) throw new Error('expected history');
    const to = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));
    const from = new Date(to.getTime() - 3_600_000);
    expect(await provider.history(from, to)).toEqual(await provider.history(from, to));
  });
});
