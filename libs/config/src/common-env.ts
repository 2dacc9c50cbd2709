import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveNumber = z.coerce.number().positive();

/** Variables every service reads: where NATS is, how to log, which bus namespace to use. */
export const commonEnv = {
  /** Comma-separated servers; `nats://user:pass@host` or `nats://token@host` carry credentials. */
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  NATS_TOKEN: z.string().min(1).optional(),
  NATS_NKEY_SEED: z.string().regex(/^SU[A-Z2-7]+$/, 'an NKey user seed (starts with SU)').optional(),
  /** Path of a `.creds` file (JWT + seed). */
  NATS_CREDS: z.string().min(1).optional(),
  /** Paths of PEM files: CA of the server certificate; client cert and key for mTLS. */
  NATS_TLS_CA: z.string().min(1).optional(),
  NATS_TLS_CERT: z.string().min(1).optional(),
  NATS_TLS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Prefix for every subject, stream and bucket; empty in production, set by tests. */
  BUS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ only')
    .default(''),
  /**
   * Copies of every stream (and its consumers) kept by a NATS cluster: 1 for a single server,
   * 3 on a three-node JetStream cluster (production). Every service uses the same value.
   */
  STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** The services without HTTP keep this file fresh while they work (probe-liveness.mjs reads it); unset = off. */
  LIVENESS_FILE: z.string().trim().min(1).optional(),
  /**
   * Partitions of the resources (1..256); every service must use the same value. Changing it
   * moves series between partitions: their forecasts warm up again.
   */
  FORECASTER_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
  /** Events dated further ahead than this are refused (a clock gone wrong would hide every later sample). */
  MAX_CLOCK_SKEW_SEC: z.coerce.number().int().min(0).default(300),
} as const;

/** Partition leases of the forecaster and alerter replicas. */
export const leaseEnv = {
  /**
   * Seconds a replica's partition lease lives without renewal: a dead replica's partitions
   * are taken over after about this long. Renewed every third of it.
   */
  PARTITION_LEASE_TTL_SEC: z.coerce.number().min(1).max(300).default(15),
} as const;

/** Thresholds (percent) above which a metric is saturated. */
export const thresholdEnv = {
  THRESHOLD_CPU: z.coerce.number().gt(0).lte(100).default(90),
  THRESHOLD_MEM: z.coerce.number().gt(0).lte(100).default(90),
} as const;

/** The poll interval: minutes by default, seconds when set (demos and tests). */
export const pollEnv = {
  POLL_INTERVAL_MINUTES: positiveNumber.default(5),
  POLL_INTERVAL_SECONDS: positiveNumber.optional(),
} as const;

export const pollIntervalMs = (c: { POLL_INTERVAL_MINUTES: number; POLL_INTERVAL_SECONDS?: number | undefined }) =>
  c.POLL_INTERVAL_SECONDS !== undefined ? c.POLL_INTERVAL_SECONDS * 1000 : c.POLL_INTERVAL_MINUTES * 60_000;

export const databaseEnv = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/autoscale'),
} as const;

export const alertEnv = {
  ALERT_LOOKAHEAD_MIN: positiveNumber.default(60),
  ALERT_RENOTIFY_MIN: positiveNumber.default(240),
} as const;

/** Per-resource alert rules (YAML or JSON); the forecaster, alerter and gateway read the same file. */
export const alertRulesEnv = {
  ALERT_RULES_FILE: z.string().optional(),
} as const;

/** Delivery channels: each is on when its variables are set. */
export const channelEnv = {
  SLACK_WEBHOOK_URL: z.url().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  SMTP_FROM: z.string().default('autoscale@localhost'),
  SMTP_TO: z.string().optional(),
  /** `true` forces TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  SMTP_SECURE: z.stringbool().default(false),
} as const;

/** `a, b,,c` → `['a', 'b', 'c']`, each a URL. */
const urlList = z
  .string()
  .transform((s) => [...new Set(s.split(',').map((part) => part.trim()).filter(Boolean))])
  .pipe(z.array(z.url()));

/** The pagers: Alertmanager, PagerDuty Events API v2 and a signed generic webhook. */
export const pagerEnv = {
  ALERTMANAGER_URL: urlList
    .optional()
    .describe('Alertmanager base URLs, comma-separated (an HA pair: each is sent every alert), e.g. http://alertmanager:9093'),
  ALERTMANAGER_RESEND_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe('How often an open alert is re-sent to Alertmanager (as Prometheus does); it expires there after 4 of these without one'),
  PAGERDUTY_ROUTING_KEY: z.string().trim().min(1).optional().describe('Integration (routing) key of a PagerDuty service using Events API v2 (never logged)'),
  PAGERDUTY_EVENTS_URL: z.url().default('https://events.pagerduty.com/v2/enqueue').describe('PagerDuty Events API v2 endpoint (EU: https://events.eu.pagerduty.com/v2/enqueue)'),
  WEBHOOK_URL: z.url().optional().describe('Generic webhook: each notification is POSTed there as JSON (schema WebhookNotification)'),
  WEBHOOK_SECRET: z.string().min(1).optional().describe('Key of the X-Autoscale-Signature HMAC-SHA256 on webhook requests (never logged)'),
} as const;

export const emailConfigured = (c: { SMTP_HOST?: string | undefined; SMTP_TO?: string | undefined }) =>
  Boolean(c.SMTP_HOST && c.SMTP_TO);
