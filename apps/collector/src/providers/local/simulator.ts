import { MS_PER_DAY, MS_PER_HOUR } from '@autoscale/time-units';
import { hashNormal, hashUnit } from './random';

/**
 * Ramps run on a cycle of ticks (polls): normal load, a ramp into saturation, a short hold
 * at saturation, then a drop back. At the default 5-minute poll a cycle is 4 hours; at a
 * 1-second poll (demos, tests) it is 48 seconds, so forecasts and alerts show up quickly.
 */
const CYCLE_TICKS = 48;
const RAMP_START = 26;
const RAMP_TICKS = 16;
const HOLD_TICKS = 4;

export type SimulatedProfile = {
  resourceId: string;
  base: number;
  dailyAmplitude: number;
  trendPerDay: number;
  noise: number;
  rampChance: number;
  /** Ticks this resource's ramp cycle is shifted by (0 but for staggered demo ramps). */
  phase: number;
  memBase: number;
};

/**
 * The profile of simulated resource `index` (0-based) under `seed`. The first resource
 * ramps every cycle so a demo always has something to forecast; the others ramp now and
 * then. With `staggerOver` (the number of simulated resources, `SIM_RAMP_ALL`), every one
 * ramps every cycle, their ramps spread evenly over it, so some crossing is always near.
 */
export function simulatedProfile(seed: number, index: number, staggerOver?: number): SimulatedProfile {
  const u = (k: number) => hashUnit(seed, index, k);
  return {
    resourceId: `sim-${String(index + 1).padStart(2, '0')}`,
    base: 20 + 30 * u(1),
    dailyAmplitude: 5 + 10 * u(2),
    trendPerDay: -2 + 4 * u(3),
    noise: 1 + 3 * u(4),
    rampChance: index === 0 || staggerOver ? 1 : 0.25,
    phase: staggerOver ? Math.round((index * CYCLE_TICKS) / staggerOver) : 0,
    memBase: 30 + 30 * u(5),
  };
}

/** CPU and memory of a simulated resource at tick `tick` (time `t`, epoch ms). */
export function simulatedValues(seed: number, index: number, profile: SimulatedProfile, tick: number, t: number) {
  const hourOfDay = (t / MS_PER_HOUR) % 24;
  const daily = profile.dailyAmplitude * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
  const trend = profile.trendPerDay * ((t / MS_PER_DAY) % 7);
  const normal = profile.base + daily + trend;
  const cpu = normal + rampBoost(seed, index, profile, tick, normal) + profile.noise * hashNormal(seed, index, tick, 7);
  const mem = profile.memBase + 0.3 * (cpu - profile.base) + hashNormal(seed, index, tick, 8);
  return { cpu: clampPercent(cpu), mem: clampPercent(mem) };
}

function rampBoost(seed: number, index: number, profile: SimulatedProfile, tick: number, normal: number): number {
  const shifted = tick + profile.phase;
  const cycle = Math.floor(shifted / CYCLE_TICKS);
  if (hashUnit(seed, index, cycle, 99) >= profile.rampChance) return 0;
  const phase = shifted - cycle * CYCLE_TICKS - RAMP_START;
  if (phase < 0 || phase >= RAMP_TICKS + HOLD_TICKS) return 0;
  const peak = 100 - normal;
  return phase < RAMP_TICKS ? (peak * (phase + 1)) / RAMP_TICKS : peak;
}

const clampPercent = (v: number) => Math.round(Math.min(100, Math.max(0, v)) * 100) / 100;
