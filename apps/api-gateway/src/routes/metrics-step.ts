import { z } from 'zod';

export const RANGE_SECONDS = { '1h': 3_600, '6h': 6 * 3_600, '24h': 24 * 3_600 } as const;
export type MetricsRange = keyof typeof RANGE_SECONDS;

/** ~360 points whatever the range: enough for a chart, small on the wire. */
export const DEFAULT_STEP_SECONDS: Record<MetricsRange, number> = { '1h': 10, '6h': 60, '24h': 240 };

/** More points than this in one answer is a mistake, not a chart. */
export const MAX_POINTS = 2_000;

const UNIT_SECONDS = { s: 1, m: 60, h: 3_600 } as const;

/** `step` as seconds (`30`), or with a unit: `30s`, `5m`, `1h`. */
export const Step = z
  .string()
  .regex(/^[1-9]\d{0,6}[smh]?$/, 'must be a whole number of seconds, or with a unit: 30s, 5m, 1h')
  .transform((text) => {
    const unit = text.at(-1) as string;
    const factor = unit in UNIT_SECONDS ? UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS] : 1;
    return Number.parseInt(text, 10) * factor;
  });

/** Why `step` does not fit `range`, or null when it does. */
export function stepProblem(range: MetricsRange, step: number): string | null {
  const span = RANGE_SECONDS[range];
  if (step > span) return `step: at most the range (${span} s for ${range})`;
  if (span / step > MAX_POINTS)
    return `step: at least ${Math.ceil(span / MAX_POINTS)} s for ${range} (at most ${MAX_POINTS} points)`;
  return null;
}
