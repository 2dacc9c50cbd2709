import { z } from 'zod';

/** `[ <unix seconds>, "<value>" ]`: Prometheus writes values as strings ("NaN", "+Inf" included). */
const SamplePair = z.tuple([z.number(), z.string()]);

const Metric = z.record(z.string(), z.string());

const VectorResult = z.object({
  resultType: z.literal('vector'),
  result: z.array(z.object({ metric: Metric, value: SamplePair })),
});
const MatrixResult = z.object({
  resultType: z.literal('matrix'),
  result: z.array(z.object({ metric: Metric, values: z.array(SamplePair) })),
});

/**
 * A `/api/v1/query` or `/api/v1/query_range` answer, as the HTTP API documents it. Anything
 * else (a proxy's HTML page, a scalar where a vector was expected) fails to parse and the
 * poll is retried: nothing is guessed from it.
 */
export const PrometheusAnswer = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [VectorResult, MatrixResult]),
    warnings: z.array(z.string()).optional(),
  }),
  z.object({ status: z.literal('error'), errorType: z.string(), error: z.string() }),
]);
export type PrometheusAnswer = z.infer<typeof PrometheusAnswer>;

/** One series of a query: its labels and its points (epoch ms → raw string value). */
export type PromSeries = { metric: Record<string, string>; points: Array<[number, string]> };

/**
 * The series of a successful answer, vector or matrix alike, timestamps in epoch milliseconds.
 *
 * @example
 * seriesOf({ resultType: 'vector', result: [{ metric: { instance: 'a' }, value: [1700000000, '12.5'] }] });
 * // [{ metric: { instance: 'a' }, points: [[1700000000000, '12.5']] }]
 */
export function seriesOf(data: Extract<PrometheusAnswer, { status: 'success' }>['data']): PromSeries[] {
  const ms = ([t, v]: [number, string]): [number, string] => [Math.round(t * 1000), v];
  if (data.resultType === 'vector') return data.result.map((r) => ({ metric: r.metric, points: [ms(r.value)] }));
  return data.result.map((r) => ({ metric: r.metric, points: r.values.map(ms) }));
}
