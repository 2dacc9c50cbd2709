/**
 * What KEDA's `metrics-api` scaler reads of a JSON answer at `valueLocation`: a GJSON path
 * (dot-separated keys, array indices as numbers), whose value must be a number or a
 * Kubernetes quantity string (`"6"`, `"1500m"`); anything else fails the scaler, which then
 * falls back. The HPA then wants `ceil(value ÷ targetValue)` replicas (metric type
 * AverageValue over one pod: the value itself with `targetValue: "1"`).
 */
export function kedaMetricsApiValue(body: unknown, valueLocation: string): number {
  let node: unknown = body;
  for (const key of valueLocation.split('.')) {
    if (node === null || typeof node !== 'object') throw new Error(`valueLocation ${valueLocation}: no ${key}`);
    node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, unknown>)[key];
  }
  if (typeof node === 'number') return node;
  if (typeof node === 'string') {
    const milli = /^(\d+(?:\.\d+)?)m$/.exec(node);
    if (milli) return Number(milli[1]) / 1000;
    if (/^\d+(?:\.\d+)?$/.test(node)) return Number(node);
  }
  throw new Error(`valueLocation ${valueLocation}: ${JSON.stringify(node)} is neither a number nor a quantity`);
}

/** The replicas the HPA computes from one metrics-api trigger (AverageValue, `targetValue`). */
export const hpaReplicasFor = (value: number, targetValue: number) => Math.ceil(value / targetValue);
