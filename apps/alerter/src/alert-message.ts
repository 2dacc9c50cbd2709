import type { AlertKind } from '@autoscale/contracts';

export type MessageFacts = {
  kind: AlertKind;
  resourceId: string;
  metric: string;
  current: number;
  threshold: number;
  breachAt: string | null;
  now: number;
  model: string;
};

const METRIC_LABEL: Record<string, string> = { cpu: 'CPU', mem: 'memory' };

const templates: Record<AlertKind, (f: MessageFacts, label: string) => string> = {
  forecast: (f, label) => {
    const inMin = f.breachAt === null ? null : Math.max(0, Math.round((Date.parse(f.breachAt) - f.now) / 60_000));
    const when = inMin === null ? 'soon' : `in about ${inMin} min (${f.breachAt})`;
    return `⚠️ ${f.resourceId}: ${label} is forecast to reach ${f.threshold}% ${when}; now ${f.current.toFixed(1)}% (model ${f.model}).`;
  },
  breach: (f, label) =>
    `🔥 ${f.resourceId}: ${label} is at ${f.current.toFixed(1)}%, at or above the ${f.threshold}% threshold.`,
  resolved: (f, label) =>
    `✅ ${f.resourceId}: ${label} is no longer forecast to reach ${f.threshold}%; now ${f.current.toFixed(1)}%.`,
  test: () => '🧪 Test alert from AutoScale CIRM: this channel receives alerts.',
};

/** The one-line text sent to Slack and used as the e-mail body. */
export const alertMessage = (facts: MessageFacts): string =>
  templates[facts.kind](facts, METRIC_LABEL[facts.metric] ?? facts.metric);
