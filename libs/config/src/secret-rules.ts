import type { z } from 'zod';

/** Words that mark a value copied from a template: `CHANGE-ME…`, `…example…`. */
const PLACEHOLDER = /change[-_ ]?me|example/i;

/** Bearer tokens and passwords shorter than this are refused outside the demo (guessable, or typed by hand). */
export const MIN_SECRET_LENGTH = 24;

/**
 * The variables that hold secrets, and whether each is a token or password that must be long.
 * A URL (DATABASE_URL, SLACK_WEBHOOK_URL) is only checked for placeholders.
 */
export const SECRET_VARIABLES = {
  API_TOKEN: { long: true },
  NATS_PASSWORD: { long: true },
  NATS_TOKEN: { long: true },
  NATS_NKEY_SEED: { long: false },
  DATABASE_URL: { long: false },
  SMTP_PASS: { long: false },
  SLACK_WEBHOOK_URL: { long: false },
  SCALE_WEBHOOK_SECRET: { long: false },
  WEBHOOK_SECRET: { long: false },
  PAGERDUTY_ROUTING_KEY: { long: false },
  PROMETHEUS_BEARER_TOKEN: { long: false },
  PROMETHEUS_PASSWORD: { long: false },
} as const satisfies Record<string, { long: boolean }>;

/** The problem with one secret's value, or undefined when it may be used outside the demo. */
export function secretProblem(name: keyof typeof SECRET_VARIABLES, value: string): string | undefined {
  if (PLACEHOLDER.test(value)) {
    return 'holds a placeholder (CHANGE-ME / example): generate a real value, e.g. `openssl rand -hex 32`';
  }
  if (SECRET_VARIABLES[name].long && value.length < MIN_SECRET_LENGTH) {
    return `must be at least ${MIN_SECRET_LENGTH} characters outside the demo: generate one with \`openssl rand -hex 32\``;
  }
  return undefined;
}

/**
 * A `superRefine` step for a service's config schema: outside the demo (`AUTOSCALE_DEMO`
 * unset), a secret variable holding a template placeholder or a short token is a problem
 * naming the variable, so the service refuses to start instead of running with a published
 * secret.
 *
 * @example
 * export const GatewayEnv = z.object({ ...commonEnv, API_TOKEN: z.string().optional() }).superRefine(refusePlaceholderSecrets);
 */
export function refusePlaceholderSecrets(env: { AUTOSCALE_DEMO?: boolean | undefined }, ctx: z.RefinementCtx): void {
  if (env.AUTOSCALE_DEMO) return;
  const values = env as Record<string, unknown>;
  for (const name of Object.keys(SECRET_VARIABLES) as Array<keyof typeof SECRET_VARIABLES>) {
    const value = values[name];
    if (typeof value !== 'string' || value === '') continue;
    const problem = secretProblem(name, value);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
}
