import { MS_PER_MIN } from '@autoscale/time-units';
import type { Sample } from '../types';

const STEP_MIN = 5;

/** One synthetic memory series; `kind` says whether it should ever be warned about. */
export type MemorySeries = { name: string; kind: 'leak' | 'plateau'; samples: Sample[] };

export type MemorySuiteOptions = { seed: number; days: number; start: number };

export const DEFAULT_MEMORY_SUITE_OPTIONS: MemorySuiteOptions = {
  seed: 20240101,
  days: 3,
  start: Date.UTC(2024, 0, 1),
};

/**
 * A deterministic synthetic memory suite (percent of the limit, one sample every 5 minutes):
 * - `leak-linear-k`: a baseline plus a GC sawtooth (heap grows for 20–40 minutes, a collection
 *   drops it by the amplitude) plus a linear leak reaching the limit in 9–15 hours; at 98 % the
 *   process is killed (OOM) 10 minutes later and restarts at its baseline;
 * - `leak-accel-k`: the same with a leak that accelerates (quadratic in the time since the
 *   restart, reaching the limit in 7–12 hours);
 * - `plateau-k`: a start-up fill over 2–3 hours to a plateau (58–66 %) with the sawtooth and a
 *   daily restart — never above 73 %, so any warning at 80/90/95 is a false alarm;
 * - `restarts-k`: no leak, a deploy restart every 8 hours with a refill within the hour.
 * Noise is ±0.6 points. Same seed, same series.
 *
 * @example
 * memorySuite().filter((s) => s.kind === 'leak').length; // 8
 */
export function memorySuite(options: Partial<MemorySuiteOptions> = {}): MemorySeries[] {
  const opts = { ...DEFAULT_MEMORY_SUITE_OPTIONS, ...options };
  const rnd = mulberry32(opts.seed);
  const n = Math.round((opts.days * 1440) / STEP_MIN);
  const out: MemorySeries[] = [];
  for (let k = 0; k < 4; k++) out.push(leak(`leak-linear-${k}`, 'linear', rnd, n, opts.start));
  for (let k = 0; k < 4; k++) out.push(leak(`leak-accel-${k}`, 'accelerating', rnd, n, opts.start));
  for (let k = 0; k < 4; k++) out.push(plateau(`plateau-${k}`, rnd, n, opts.start));
  for (let k = 0; k < 2; k++) out.push(restarts(`restarts-${k}`, rnd, n, opts.start));
  return out;
}

type Rnd = () => number;

function sawtooth(rnd: Rnd): { periodMin: number; amplitude: number } {
  return { periodMin: 20 + Math.round(rnd() * 4) * 5, amplitude: 3 + rnd() * 3 };
}

function leak(name: string, shape: 'linear' | 'accelerating', rnd: Rnd, n: number, start: number): MemorySeries {
  const base = 30 + rnd() * 15;
  const hoursToFull = shape === 'linear' ? 9 + rnd() * 6 : 7 + rnd() * 5;
  const gc = sawtooth(rnd);
  const samples: Sample[] = [];
  let sinceRestart = 0;
  let killAt: number | null = null;
  for (let i = 0; i < n; i++) {
    const f = (sinceRestart * STEP_MIN) / (hoursToFull * 60);
    const leaked = (100 - base - gc.amplitude) * (shape === 'linear' ? f : f * f);
    const saw = gc.amplitude * (((sinceRestart * STEP_MIN) % gc.periodMin) / gc.periodMin);
    const value = clamp(base + leaked + saw + (rnd() - 0.5) * 1.2);
    samples.push({ t: start + i * STEP_MIN * MS_PER_MIN, value: round(value) });
    if (killAt === null && value >= 98) killAt = i + 2;
    if (killAt !== null && i >= killAt) {
      sinceRestart = 0;
      killAt = null;
    } else {
      sinceRestart++;
    }
  }
  return { name, kind: 'leak', samples };
}

function plateau(name: string, rnd: Rnd, n: number, start: number): MemorySeries {
  const level = 58 + rnd() * 8;
  const fillMin = 120 + rnd() * 60;
  const gc = sawtooth(rnd);
  const samples: Sample[] = [];
  let sinceRestart = 0;
  for (let i = 0; i < n; i++) {
    const min = sinceRestart * STEP_MIN;
    const filled = 25 + (level - 25) * Math.min(1, min / fillMin);
    const saw = Math.min(gc.amplitude, 72 - level) * ((min % gc.periodMin) / gc.periodMin);
    samples.push({ t: start + i * STEP_MIN * MS_PER_MIN, value: round(clamp(filled + saw + (rnd() - 0.5) * 1.2)) });
    sinceRestart = (i + 1) % 288 === 0 ? 0 : sinceRestart + 1;
  }
  return { name, kind: 'plateau', samples };
}

function restarts(name: string, rnd: Rnd, n: number, start: number): MemorySeries {
  const level = 50 + rnd() * 10;
  const gc = sawtooth(rnd);
  const samples: Sample[] = [];
  let sinceRestart = 0;
  for (let i = 0; i < n; i++) {
    const min = sinceRestart * STEP_MIN;
    const filled = 20 + (level - 20) * Math.min(1, min / 60);
    const saw = gc.amplitude * ((min % gc.periodMin) / gc.periodMin);
    samples.push({ t: start + i * STEP_MIN * MS_PER_MIN, value: round(clamp(filled + saw + (rnd() - 0.5) * 1.2)) });
    sinceRestart = (i + 1) % 96 === 0 ? 0 : sinceRestart + 1;
  }
  return { name, kind: 'plateau', samples };
}

/** Small, fast, seedable PRNG (public domain). */
function mulberry32(seed: number): Rnd {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number) => Math.min(100, Math.max(0, v));
const round = (v: number) => Math.round(v * 100) / 100;
