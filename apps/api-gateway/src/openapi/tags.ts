/** The groups of operations in the document and in /api/docs, in the order they are shown. */
export const TAGS = [
  {
    name: 'Health',
    description: 'Whether the system runs: NATS, PostgreSQL, the pipeline services; Prometheus metrics',
  },
  { name: 'Resources and metrics', description: 'What is watched and its samples' },
  { name: 'Forecasts', description: 'The latest forecast of each resource and metric' },
  { name: 'Alerts', description: 'Alerts sent or suppressed, acknowledgements, the test alert' },
  { name: 'Silences', description: 'Muting alerts for a while' },
  { name: 'Audit', description: 'Who changed what through the API, by token name' },
  { name: 'Scaling', description: 'Predictive scale decisions per target, the KEDA value, pause and resume' },
  { name: 'Settings', description: 'Thresholds, channels and alert rules in force' },
  { name: 'Live', description: 'Forecasts and alerts as they happen' },
  { name: 'API description', description: 'This document and its interactive docs' },
] as const;

type TagName = (typeof TAGS)[number]['name'];

/** A route's group: `tags: tag('Alerts')`; only the names above are accepted. */
export const tag = (name: TagName): [TagName] => [name];
