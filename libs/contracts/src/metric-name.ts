import { z } from 'zod';

/** The two metrics the system watches, both in percent (0–100). */
export const MetricName = z.enum(['cpu', 'mem']);
export type MetricName = z.infer<typeof MetricName>;

export const METRIC_NAMES: readonly MetricName[] = MetricName.options;
