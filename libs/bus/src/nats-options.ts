import { readFileSync } from 'node:fs';
import { credsAuthenticator, nkeyAuthenticator } from '@nats-io/transport-node';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import { inboxPrefixOf } from '@autoscale/contracts';

/** How to authenticate to NATS and secure the link; every field is optional. */
export type NatsSecurity = {
  /** Token (`authorization { token }` on the server). */
  NATS_TOKEN?: string | undefined;
  /** This service's own user (`authorization { users }`); its replies arrive on `_INBOX_<user>`. */
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  /** NKey seed (`SU…`) of a user listed by public key on the server. */
  NATS_NKEY_SEED?: string | undefined;
  /** Path of a `.creds` file (JWT + NKey seed) for operator/decentralised auth. */
  NATS_CREDS?: string | undefined;
  /** CA bundle that signed the server's certificate; setting any TLS file requires TLS. */
  NATS_TLS_CA?: string | undefined;
  /** Client certificate and key, for servers that verify clients (mTLS). */
  NATS_TLS_CERT?: string | undefined;
  NATS_TLS_KEY?: string | undefined;
};

/**
 * The nats.js connect options for `url` (comma-separated servers) and `security`. nats.js
 * does not read credentials from a URL, so `nats://user:pass@host` becomes `user`/`pass`
 * and `nats://token@host` a token, and the servers are given without them (nats.js would
 * otherwise print them in its errors).
 *
 * @example
 * natsConnectOptions('nats://app:pw@nats:4222', {}) // { servers: ['nats://nats:4222'], user: 'app', pass: 'pw' }
 */
export function natsConnectOptions(url: string, security: NatsSecurity = {}): NodeConnectionOptions {
  const servers: string[] = [];
  const options: NodeConnectionOptions = {};
  for (const raw of url
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const parsed = new URL(raw.includes('://') ? raw : `nats://${raw}`);
    if (parsed.username && parsed.password) {
      options.user = decodeURIComponent(parsed.username);
      options.pass = decodeURIComponent(parsed.password);
    } else if (parsed.username) {
      options.token = decodeURIComponent(parsed.username);
    }
    servers.push(`${parsed.protocol}//${parsed.host}`);
  }
  options.servers = servers;
  if (security.NATS_TOKEN) options.token = security.NATS_TOKEN;
  if (security.NATS_USER) {
    options.user = security.NATS_USER;
    if (security.NATS_PASSWORD) options.pass = security.NATS_PASSWORD;
    // Its own inboxes: the server lets each user read only its own replies (bus-permissions.ts).
    options.inboxPrefix = inboxPrefixOf(security.NATS_USER);
  }
  if (security.NATS_NKEY_SEED)
    options.authenticator = nkeyAuthenticator(new TextEncoder().encode(security.NATS_NKEY_SEED));
  if (security.NATS_CREDS) options.authenticator = credsAuthenticator(readFileSync(security.NATS_CREDS));
  const tls = {
    ...(security.NATS_TLS_CA ? { caFile: security.NATS_TLS_CA } : {}),
    ...(security.NATS_TLS_CERT ? { certFile: security.NATS_TLS_CERT } : {}),
    ...(security.NATS_TLS_KEY ? { keyFile: security.NATS_TLS_KEY } : {}),
  };
  if (Object.keys(tls).length > 0 || servers.some((s) => s.startsWith('tls:'))) options.tls = tls;
  return options;
}
