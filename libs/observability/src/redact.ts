/** What replaces a secret. */
export const REDACTED = '***';

// `scheme://user:password@` → keep the user, hide the password; `nats://token@` → hide the token.
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s/@]*)@/gi;
const NATS_TOKEN = /\b(nats|tls|wss?):\/\/([^\s:/@]+)@/gi;
// `?password=…`, `&sslpassword=…`, `token=…` in a query string or a libpq connection string.
const SECRET_PARAM = /\b((?:ssl)?pass(?:word)?|pwd|token|secret|api[_-]?key|access[_-]?key|auth)=([^\s&;'"]+)/gi;

/**
 * The text with every credential it may carry replaced by `***`: the password (or NATS
 * token) in any URL, and secret query or connection-string parameters. The logger applies
 * it to every line, so a URL in an error message never leaks.
 *
 * @example
 * redactSecrets('connect nats://app:s3cret@nats:4222 failed') // 'connect nats://app:***@nats:4222 failed'
 * redactSecrets('postgres://db/x?sslmode=require&password=p') // 'postgres://db/x?sslmode=require&password=***'
 */
export function redactSecrets(text: string): string {
  return text
    .replace(URL_PASSWORD, `$1$2:${REDACTED}@`)
    .replace(NATS_TOKEN, `$1://${REDACTED}@`)
    .replace(SECRET_PARAM, `$1=${REDACTED}`);
}

const SECRET_KEY = /(pass|password|passwd|pwd|secret|token|credentials?|authorization|cookie|api[_-]?key|nkey|seed)$/i;
const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to log: strings redacted with {@link redactSecrets}, values under
 * secret-looking keys (`password`, `token`, `authorization`…) replaced whole, errors turned
 * into plain objects (type, message, stack, code, cause) redacted the same way.
 *
 * @example
 * redactValue({ url: 'nats://u:p@h', token: 'x' }) // { url: 'nats://u:***@h', token: '***' }
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return redactValue(errorFields(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      SECRET_KEY.test(key) && v !== undefined && v !== null && typeof v !== 'boolean'
        ? REDACTED
        : redactValue(v, depth + 1);
  }
  return out;
}

function errorFields(error: Error): Record<string, unknown> {
  const extra = Object.fromEntries(Object.entries(error));
  return { ...extra, type: error.name, message: error.message, stack: error.stack, cause: error.cause };
}
