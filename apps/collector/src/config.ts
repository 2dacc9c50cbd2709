import { z } from 'zod';
import { commonEnv, loadConfigOrExit, refusePlaceholderSecrets, pollEnv, pollIntervalMs } from '@autoscale/config';
import { DEFAULT_BUFFER_MAX } from './sample-buffer';

/** `a, b,,c` → `['a', 'b', 'c']`: operators paste lists with spaces and stray commas. */
const commaList = z.string().transform((s) => [
  ...new Set(
    s
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  ),
]);

/** A CloudWatch namespace, metric or dimension name: non-empty, no surrounding spaces. */
const cloudWatchName = z.string().trim().min(1);

/** `max`, or how many times faster than the wall clock the recorded time advances. */
const replaySpeed = z.union([z.literal('max'), z.coerce.number().positive()]);

/** `now` (the series ends now), `original` (timestamps as recorded) or the ISO time it starts at. */
const replayStart = z.union([z.literal('now'), z.literal('original'), z.iso.datetime({ offset: true })]);

const awsEnv = {
  AWS_REGION: z.string().trim().min(1).optional().describe('AWS region of the instances (required for `aws`).'),
  AWS_RESOURCE_IDS: commaList.optional().describe('Comma-separated EC2 instance ids (required for `aws`).'),
  /** Read by the SDK itself (as is AWS_ENDPOINT_URL_CLOUDWATCH); declared to validate and log it. */
  AWS_ENDPOINT_URL: z
    .url()
    .optional()
    .describe("Another CloudWatch endpoint, honoured as the AWS SDK does (default: the SDK's)."),
  AWS_MAX_ATTEMPTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe('SDK attempts per request (throttling, transient errors), with backoff.'),
  AWS_CPU_NAMESPACE: cloudWatchName.default('AWS/EC2').describe('CloudWatch namespace of CPU.'),
  AWS_CPU_METRIC: cloudWatchName.default('CPUUtilization').describe('CloudWatch metric of CPU.'),
  AWS_CPU_DIMENSION: cloudWatchName
    .default('InstanceId')
    .describe('CloudWatch dimension naming the instance, for CPU.'),
  AWS_MEM_NAMESPACE: cloudWatchName
    .default('CWAgent')
    .describe('CloudWatch namespace where the CloudWatch agent puts memory.'),
  AWS_MEM_METRIC: cloudWatchName.default('mem_used_percent').describe('CloudWatch metric of memory.'),
  AWS_MEM_DIMENSION: cloudWatchName
    .default('InstanceId')
    .describe('CloudWatch dimension naming the instance, for memory.'),
} as const;

const gcpEnv = {
  GCP_PROJECT_ID: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Google Cloud project of the instances (required for `gcp`).'),
  GCP_INSTANCE_IDS: commaList
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^\d+$/,
            "numeric instance ids, as `gcloud compute instances describe NAME --format='value(id)'` prints",
          ),
      ),
    )
    .optional()
    .describe('Comma-separated numeric Compute Engine instance ids (required for `gcp`).'),
  /** `host[:port]` for another HTTPS endpoint; `http://host:port` for an emulator (no credentials sent). */
  GCP_API_ENDPOINT: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe("`host[:port]` (HTTPS) or `http://host:port` for an emulator (no credentials sent); default Google's."),
} as const;

const replayEnv = {
  REPLAY_FILES: commaList
    .optional()
    .describe('Comma-separated CSV paths or globs (`timestamp,value` or `timestamp,cpu,mem`) (required for `replay`).'),
  REPLAY_SPEED: replaySpeed
    .default('max')
    .describe('`max` (as fast as the pipeline takes it) or a factor (`60` plays an hour a minute).'),
  REPLAY_START: replayStart
    .default('now')
    .describe('`now` (each series shifted to end now), `original`, or an ISO time to start at.'),
} as const;

const prometheusEnv = {
  PROMETHEUS_URL: commaList
    .pipe(z.array(z.url()))
    .optional()
    .describe('Prometheus base URLs, comma-separated, tried in order on each query (e.g. http://prometheus:9090)'),
  PROMETHEUS_BEARER_TOKEN: z.string().min(1).optional().describe('Bearer token sent to Prometheus (never logged)'),
  PROMETHEUS_USERNAME: z
    .string()
    .min(1)
    .optional()
    .describe('Basic-auth user for Prometheus (with PROMETHEUS_PASSWORD)'),
  PROMETHEUS_PASSWORD: z.string().optional().describe('Basic-auth password for Prometheus (never logged)'),
  PROMETHEUS_CA_FILE: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('PEM file of the CA that signed the Prometheus certificate'),
  PROMETHEUS_PRESET: z
    .enum(['node', 'kubernetes-pods', 'custom'])
    .default('node')
    .describe(
      'node: one resource per node_exporter instance; kubernetes-pods: one per pod (cAdvisor against kube-state-metrics limits); custom: PROMETHEUS_*_QUERY',
    ),
  PROMETHEUS_SELECTOR: z
    .string()
    .trim()
    .optional()
    .describe('Matchers added to every preset selector, e.g. job="node",env="prod" ({{selector}} in custom queries)'),
  PROMETHEUS_RATE_WINDOW: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'a PromQL duration such as 5m')
    .default('5m')
    .describe('Range of rate() and of the freshness bound on gauges; at least four scrape intervals'),
  PROMETHEUS_CPU_QUERY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('custom preset: PromQL returning CPU percent per resource'),
  PROMETHEUS_MEM_QUERY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('custom preset: PromQL returning memory percent per resource'),
  PROMETHEUS_RESOURCE_LABEL: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('custom preset: the label whose value is the resource id'),
} as const;

/** What each provider cannot start without, and what to tell an operator who forgot it. */
const requiredByProvider = {
  local: [],
  aws: [
    ['AWS_REGION', 'the region of the instances, e.g. eu-west-1'],
    ['AWS_RESOURCE_IDS', 'comma-separated EC2 instance ids, e.g. i-0abc1234def567890,i-0123456789abcdef0'],
  ],
  gcp: [
    ['GCP_PROJECT_ID', 'the project that holds the instances, e.g. my-project'],
    ['GCP_INSTANCE_IDS', 'comma-separated numeric Compute Engine instance ids, e.g. 1234567890123456789'],
  ],
  prometheus: [['PROMETHEUS_URL', 'comma-separated Prometheus base URLs, e.g. http://prometheus:9090']],
  replay: [['REPLAY_FILES', 'comma-separated CSV paths or globs, e.g. data/nab/*.csv']],
} as const;

export const CollectorEnv = z
  .object({
    ...commonEnv,
    ...pollEnv,
    METRICS_PROVIDER: z
      .enum(['local', 'aws', 'gcp', 'prometheus', 'replay'])
      .default('local')
      .describe('`local`, `aws`, `gcp`, `prometheus` or `replay` — see docs/providers.md.'),
    /** The local host's resource id; in Kubernetes the node name (downward API), so it survives pod rollouts. */
    LOCAL_RESOURCE_ID: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(
        "The local host's resource id (default `local-<hostname>`); Kubernetes sets the node name, Compose `docker-host`, so it survives restarts.",
      ),
    SIM_RESOURCES: z.coerce
      .number()
      .int()
      .min(0)
      .max(100)
      .default(4)
      .describe('Simulated machines next to the local host (0–100); `sim-01` ramps into saturation every 48 polls.'),
    SIM_SEED: z.coerce.number().int().default(42).describe('The same seed gives the same simulated series.'),
    SIM_RAMP_ALL: z
      .stringbool()
      .default(false)
      .describe(
        '`true`: every simulated machine ramps into saturation every 48 polls, their ramps spread evenly over the cycle, so a predicted breach is never far (`npm run demo` sets it); `false`: only `sim-01` does, the others now and then.',
      ),
    BACKFILL_HOURS: z.coerce
      .number()
      .min(0)
      .max(168)
      .default(6)
      .describe('History published at start (at most 720 samples per simulated resource).'),
    /** Samples kept in memory while NATS is unreachable; past it the oldest are dropped. */
    COLLECTOR_BUFFER_MAX: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(DEFAULT_BUFFER_MAX)
      .describe(
        'Samples kept in memory while NATS is unreachable, published when it answers; past it the oldest are dropped (counted `buffer_dropped`, warned).',
      ),
    COLLECTOR_PUBLISH_IN_FLIGHT: z.coerce
      .number()
      .int()
      .min(1)
      .max(4_096)
      .default(256)
      .describe(
        'Publishes of a streaming provider (replay) awaiting their JetStream ack at once; a series is still published in order.',
      ),
    ...awsEnv,
    ...gcpEnv,
    ...prometheusEnv,
    ...replayEnv,
  })
  .superRefine((env, ctx) => {
    for (const [name, hint] of requiredByProvider[env.METRICS_PROVIDER]) {
      const value: unknown = env[name];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `required when METRICS_PROVIDER=${env.METRICS_PROVIDER}: ${hint}`,
        });
      }
    }
    if (env.METRICS_PROVIDER !== 'prometheus' || env.PROMETHEUS_PRESET !== 'custom') return;
    for (const name of ['PROMETHEUS_CPU_QUERY', 'PROMETHEUS_MEM_QUERY', 'PROMETHEUS_RESOURCE_LABEL'] as const) {
      if (env[name] === undefined)
        ctx.addIssue({ code: 'custom', path: [name], message: 'required when PROMETHEUS_PRESET=custom' });
    }
  })
  .superRefine(refusePlaceholderSecrets);
export type CollectorConfig = z.infer<typeof CollectorEnv> & { intervalMs: number };

/**
 * The collector's configuration from `env`; on a bad or missing variable, prints every
 * problem (each naming its variable) and exits.
 *
 * @example
 * const config = loadCollectorConfig(); // { METRICS_PROVIDER: 'local', intervalMs: 300000, … }
 */
export function loadCollectorConfig(env: Record<string, string | undefined> = process.env): CollectorConfig {
  const parsed = loadConfigOrExit('collector', CollectorEnv, env);
  return Object.freeze({ ...parsed, intervalMs: pollIntervalMs(parsed) });
}
