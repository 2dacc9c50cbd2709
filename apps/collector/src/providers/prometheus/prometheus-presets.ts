/** What the provider asks Prometheus: CPU and memory in percent, and the label naming the resource. */
export type PrometheusQueries = {
  cpu: string;
  mem: string;
  /** Labels whose values, joined by `/`, make the resource id (`instance`; `namespace`,`pod`). */
  resourceLabels: readonly string[];
};

export type PresetName = 'node' | 'kubernetes-pods' | 'custom';

export type PresetOptions = {
  preset: PresetName;
  /** Extra matchers (`job="node",env="prod"`) added to every selector; `{{selector}}` in custom queries. */
  selector?: string | undefined;
  /** Range of `rate()` and of the freshness bound on gauges, e.g. `5m`; at least four scrape intervals. */
  window: string;
  custom?: { cpu: string; mem: string; resourceLabel: string } | undefined;
};

/** `{mode="idle"}` + `job="node"` → `{mode="idle",job="node"}`; no matchers at all → ``. */
const matchers = (own: string, selector: string | undefined) => {
  const all = [own, selector?.trim() ?? ''].filter(Boolean).join(',');
  return all ? `{${all}}` : '';
};

/**
 * The queries of a preset. Gauges are read through `last_over_time(…[window])`, so a series
 * that stopped being scraped (Prometheus down, target gone) yields nothing after `window`
 * instead of its last value repeated for Prometheus' 5-minute lookback: nothing invented.
 *
 * @example
 * presetQueries({ preset: 'node', window: '5m', selector: 'job="node"' }).mem;
 * // '100 * (1 - last_over_time(node_memory_MemAvailable_bytes{job="node"}[5m]) / last_over_time(node_memory_MemTotal_bytes{job="node"}[5m]))'
 */
export function presetQueries(o: PresetOptions): PrometheusQueries {
  const s = (own = '') => matchers(own, o.selector);
  const w = o.window;
  if (o.preset === 'node') {
    return {
      cpu: `100 * (1 - avg by (instance) (rate(node_cpu_seconds_total${s('mode="idle"')}[${w}])))`,
      mem: `100 * (1 - last_over_time(node_memory_MemAvailable_bytes${s()}[${w}]) / last_over_time(node_memory_MemTotal_bytes${s()}[${w}]))`,
      resourceLabels: ['instance'],
    };
  }
  if (o.preset === 'kubernetes-pods') {
    const containers = s('container!="",container!="POD"');
    const owner = `* on (namespace, pod) group_left (owner_kind, owner_name) max by (namespace, pod, owner_kind, owner_name) (kube_pod_owner${s()})`;
    // Limits when set, else requests: a pod at 100 % of its limit is throttled or OOM-killed.
    const capacity = (resource: string) =>
      `(sum by (namespace, pod) (kube_pod_container_resource_limits${s(`resource="${resource}"`)}) or sum by (namespace, pod) (kube_pod_container_resource_requests${s(`resource="${resource}"`)}))`;
    return {
      cpu: `100 * sum by (namespace, pod) (rate(container_cpu_usage_seconds_total${containers}[${w}])) / ${capacity('cpu')} ${owner}`,
      mem: `100 * sum by (namespace, pod) (last_over_time(container_memory_working_set_bytes${containers}[${w}])) / ${capacity('memory')} ${owner}`,
      resourceLabels: ['namespace', 'pod'],
    };
  }
  if (!o.custom)
    throw new Error(
      'PROMETHEUS_PRESET=custom needs PROMETHEUS_CPU_QUERY, PROMETHEUS_MEM_QUERY and PROMETHEUS_RESOURCE_LABEL',
    );
  const fill = (q: string) => q.replaceAll('{{selector}}', o.selector?.trim() ?? '');
  return { cpu: fill(o.custom.cpu), mem: fill(o.custom.mem), resourceLabels: [o.custom.resourceLabel] };
}
