import type { AlertKind } from '@autoscale/contracts';
import { MS_PER_MIN } from '@autoscale/time-units';

export type MessageFacts = {
  kind: AlertKind;
  resourceId: string;
  metric: string;
  current: number;
  threshold: number;
  breachAt: string | null;
  now: number;
  model: string;
  /** For `resolved`: what the episode was before (`forecast` or `breach`). */
  was?: 'forecast' | 'breach' | undefined;
};

const METRIC_LABEL: Record<string, string> = { cpu: 'CPU', mem: 'memory' };

/** `CPU`, `memory`, or the metric's own name. */
export const metricLabel = (metric: string) => METRIC_LABEL[metric] ?? metric;

const WAS: Record<'forecast' | 'breach', string> = {
  forecast: 'was forecast to reach',
  breach: 'was at or above',
};

const templates: Record<AlertKind, (f: MessageFacts, label: string) => string> = {
  forecast: (f, label) => {
    const inMin = f.breachAt === null ? null : Math.max(0, Math.round((Date.parse(f.breachAt) - f.now) / MS_PER_MIN));
    const when = inMin === null ? 'soon' : `in about ${inMin} min (${f.breachAt})`;
    return `⚠️ ${f.resourceId}: ${label} is forecast to reach ${f.threshold}% ${when}; now ${f.current.toFixed(1)}% (model ${f.model}).`;
  },
  breach: (f, label) =>
    `🔥 ${f.resourceId}: ${label} is at ${f.current.toFixed(1)}%, at or above the ${f.threshold}% threshold.`,
  resolved: (f, label) => {
    const before = f.was ? `${label} ${WAS[f.was]} ${f.threshold}%` : `${label} was near ${f.threshold}%`;
    return `✅ ${f.resourceId}: resolved. ${before}; now ${f.current.toFixed(1)}% and no longer forecast to reach it.`;
  },
  test: () => '🧪 Test alert from AutoScale CIRM: this channel receives alerts.',
};

/** The one-line text of an alert: Slack's fallback text and the e-mail's first line. */
export const alertMessage = (facts: MessageFacts): string => templates[facts.kind](facts, metricLabel(facts.metric));
