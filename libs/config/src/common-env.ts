import { z } from 'zod';
import { DEFAULT_PARTITIONS, LIMITS, MAX_PARTITIONS } from '@autoscale/contracts';
import { MS_PER_MIN } from '@autoscale/time-units';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const positiveNumber = z.coerce.number().positive();

/** Variables every service reads: where NATS is, how to log, which bus namespace to use. */
export const commonEnv = {
  /** Comma-separated servers; `nats://user:pass@host` or `nats://token@host` carry credentials. */
  NATS_URL: z
    .string()
    .default('nats://127.0.0.1:4222')
    .describe(
      'NATS server(s), comma-separated; `nats://user:pass@host:4222` or `nats://token@host:4222` carry credentials (never logged); `tls://` asks for TLS.',
    ),
  NATS_TOKEN: z.string().min(1).optional().describe('Token auth (`authorization { token }` on the server).'),
  /** This service's own NATS user (production: one per service, see docs/SECURITY.md); its inboxes are `_INBOX_<user>`. */
  NATS_USER: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and - only')
    .optional()
    .describe(
      "This service's NATS user; production gives each service its own (docs/SECURITY.md). Its reply inboxes become `_INBOX_<user>`.",
    ),
  NATS_PASSWORD: z
    .string()
    .min(1)
    .optional()
    .describe('Password of NATS_USER (from a Secret); at least 24 characters outside the demo.'),
  NATS_NKEY_SEED: z
    .string()
    .regex(/^SU[A-Z2-7]+$/, 'an NKey user seed (starts with SU)')
    .optional()
    .describe('NKey user seed (`SU…`) for NKey auth.'),
  /** Path of a `.creds` file (JWT + seed). */
  NATS_CREDS: z.string().min(1).optional().describe('Path of a `.creds` file (JWT + seed) for decentralised auth.'),
  /** Paths of PEM files: CA of the server certificate; client cert and key for mTLS. */
  NATS_TLS_CA: z
    .string()
    .min(1)
    .optional()
    .describe("PEM CA of the NATS server's certificate; any `NATS_TLS_*` turns TLS on."),
  NATS_TLS_CERT: z
    .string()
    .min(1)
    .optional()
    .describe('PEM client certificate, for servers that verify clients (mTLS).'),
  NATS_TLS_KEY: z.string().min(1).optional().describe('PEM key of the client certificate (mTLS).'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('`fatal` `error` `warn` `info` `debug` `trace` `silent`.'),
  /**
   * `true` only in the demo (compose.demo.yml, k8s/overlays/demo): template passwords and short
   * tokens are accepted. Anywhere else a secret holding `CHANGE-ME`/`example`, or an API or NATS
   * token under 24 characters, stops the service at start (refusePlaceholderSecrets).
   */
  AUTOSCALE_DEMO: z
    .stringbool()
    .default(false)
    .describe(
      'true only in the demo: template secrets (CHANGE-ME, example) and short tokens are then accepted; elsewhere they stop the service.',
    ),
  /** Prefix for every subject, stream and bucket; empty in production, set by tests. */
  BUS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9_]+$/, 'lower-case letters, digits and _ only')
    .default('')
    .describe(
      'Prefixes every subject, stream and bucket (`ns.metric.sampled.>`, `NS_METRICS`); tests use it to stay apart from a running system.',
    ),
  /**
   * Copies of every stream (and its consumers) kept by a NATS cluster: 1 for a single server,
   * 3 on a three-node JetStream cluster (production). Every service uses the same value.
   */
  STREAM_REPLICAS: z.coerce
    .number()
    .int()
    .min(1)
    .max(5)
    .default(1)
    .describe(
      'Copies of each stream (and its consumers) a NATS cluster keeps: `3` on a three-node JetStream cluster; the same value in every service.',
    ),
  /** The services without HTTP keep this file fresh while they work (probe-liveness.mjs reads it); unset = off. */
  LIVENESS_FILE: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe(
      "Rewritten every 5 s while NATS answers and the service's loop runs; `node scripts/probe-liveness.mjs <file> <maxAgeSec>` is the container probe (the image sets `/tmp/autoscale.alive`). Unset: off.",
    ),
  /**
   * Partitions of the resources (1..256); every service must use the same value. Changing it
   * moves series between partitions: their forecasts warm up again.
   */
  FORECASTER_PARTITIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PARTITIONS)
    .default(DEFAULT_PARTITIONS)
    .describe(
      "Partitions of the resources (1–256); every service must use the same value: it is part of the subjects, and a service with another value is refused while the system's partitions hold unhandled messages (see docs/architecture.md).",
    ),
  /** Events dated further ahead than this are refused (a clock gone wrong would hide every later sample). */
  MAX_CLOCK_SKEW_SEC: z.coerce
    .number()
    .int()
    .min(0)
    .default(LIMITS.maxClockSkewSec)
    .describe('Events dated further ahead than this are refused at publish and on receipt.'),
} as const;

/** Partition leases of the forecaster and alerter replicas. */
export const leaseEnv = {
  /**
   * Seconds a replica's partition lease lives without renewal: a dead replica's partitions
   * are taken over after about this long. Renewed every third of it.
   */
  PARTITION_LEASE_TTL_SEC: z.coerce
    .number()
    .min(1)
    .max(300)
    .default(15)
    .describe(
      "A replica's partition lease lives this long without renewal (renewed every third of it): a dead replica's partitions are taken over within about this time.",
    ),
} as const;

/** Thresholds (percent) above which a metric is saturated. */
export const thresholdEnv = {
  THRESHOLD_CPU: z.coerce.number().gt(0).lte(100).default(90).describe('Percent at which CPU is saturated.'),
  THRESHOLD_MEM: z.coerce.number().gt(0).lte(100).default(90).describe('Percent at which memory is saturated.'),
} as const;

/** The poll interval: minutes by default, seconds when set (demos and tests). */
export const pollEnv = {
  POLL_INTERVAL_MINUTES: positiveNumber.default(5).describe('How often resources are polled.'),
  POLL_INTERVAL_SECONDS: positiveNumber.optional().describe('Overrides the minutes (demos, tests).'),
} as const;

export const pollIntervalMs = (c: { POLL_INTERVAL_MINUTES: number; POLL_INTERVAL_SECONDS?: number | undefined }) =>
  c.POLL_INTERVAL_SECONDS !== undefined ? c.POLL_INTERVAL_SECONDS * 1000 : c.POLL_INTERVAL_MINUTES * MS_PER_MIN;

export const databaseEnv = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/autoscale')
    .describe(
      'The read model; the database is created if missing and migrated at start. TLS: add `?sslmode=require` (or `verify-full`); the password is never logged.',
    ),
} as const;

export const alertEnv = {
  ALERT_LOOKAHEAD_MIN: positiveNumber
    .default(60)
    .describe('Notify when a breach is forecast within this many minutes.'),
  ALERT_RENOTIFY_MIN: positiveNumber.default(240).describe('An open episode is notified again after this long.'),
} as const;

/** Per-resource alert rules (YAML or JSON); the forecaster, alerter and gateway read the same file. */
export const alertRulesEnv = {
  ALERT_RULES_FILE: z
    .string()
    .optional()
    .describe(
      'Per-resource rules (YAML or JSON, see docs/alerting.md); give the forecaster, alerter and gateway the same file.',
    ),
} as const;

/** Delivery channels: each is on when its variables are set. */
export const channelEnv = {
  SLACK_WEBHOOK_URL: z.url().optional().describe('Slack incoming webhook; unset = no Slack.'),
  SMTP_HOST: z.string().optional().describe('Mail server; e-mail is on when `SMTP_HOST` and `SMTP_TO` are set.'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587).describe('Mail server port.'),
  SMTP_USER: z.string().optional().describe('SMTP login, if the server wants one.'),
  SMTP_PASS: z.string().optional().describe('SMTP password, if the server wants one.'),
  SMTP_FROM: z.string().default('autoscale@localhost').describe('Sender address.'),
  SMTP_TO: z.string().optional().describe('Recipients, comma-separated.'),
  /** `true` forces TLS from the first byte (port 465); otherwise STARTTLS when offered. */
  SMTP_SECURE: z
    .stringbool()
    .default(false)
    .describe('`true` for TLS from the first byte (port 465); otherwise STARTTLS when offered.'),
} as const;

/** `a, b,,c` → `['a', 'b', 'c']`, each a URL. */
const urlList = z
  .string()
  .transform((s) => [
    ...new Set(
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.url()));

/** The pagers: Alertmanager, PagerDuty Events API v2 and a signed generic webhook. */
export const pagerEnv = {
  ALERTMANAGER_URL: urlList
    .optional()
    .describe(
      'Alertmanager base URLs, comma-separated (an HA pair: each is sent every alert), e.g. http://alertmanager:9093',
    ),
  ALERTMANAGER_RESEND_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe(
      'How often an open alert is re-sent to Alertmanager (as Prometheus does); it expires there after 4 of these without one',
    ),
  PAGERDUTY_ROUTING_KEY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('Integration (routing) key of a PagerDuty service using Events API v2 (never logged)'),
  PAGERDUTY_EVENTS_URL: z
    .url()
    .default('https://events.pagerduty.com/v2/enqueue')
    .describe('PagerDuty Events API v2 endpoint (EU: https://events.eu.pagerduty.com/v2/enqueue)'),
  WEBHOOK_URL: z
    .url()
    .optional()
    .describe('Generic webhook: each notification is POSTed there as JSON (schema WebhookNotification)'),
  WEBHOOK_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('Key of the X-Autoscale-Signature HMAC-SHA256 on webhook requests (never logged)'),
} as const;

export const emailConfigured = (c: { SMTP_HOST?: string | undefined; SMTP_TO?: string | undefined }) =>
  Boolean(c.SMTP_HOST && c.SMTP_TO);
