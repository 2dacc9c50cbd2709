import type { BusGrant } from '@autoscale/contracts';

/** How the server learns a user's password: from an environment variable of its own (a Secret in production), or inline (tests). */
export type PasswordSource = { env: string } | { value: string };

/** The environment variable of the NATS server that holds a user's password: `API_GATEWAY_NATS_PASSWORD`. */
export const passwordVariableOf = (user: string) => `${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_NATS_PASSWORD`;

const quote = (subject: string) => JSON.stringify(subject);
const list = (subjects: string[], indent: string) => `[\n${subjects.map((s) => `${indent}  ${quote(s)}`).join('\n')}\n${indent}]`;

/**
 * The `authorization { users: [...] }` block of a nats-server configuration: one user per
 * service, allowed exactly the subjects of its grant (everything else is refused by the
 * server), replies to the requests it answers (`allow_responses`).
 *
 * @example
 * const conf = natsAuthorization(busPermissions(busNames('', 8)), (user) => ({ env: passwordVariableOf(user) }));
 * writeFileSync('authorization.conf', conf); // `include authorization.conf` in nats.conf
 */
export function natsAuthorization(grants: Record<string, BusGrant>, password: (user: string) => PasswordSource): string {
  const users = Object.entries(grants).map(([user, grant]) => {
    const source = password(user);
    // An unquoted `$NAME` is read from the server's environment; a quoted string is literal.
    const pass = 'env' in source ? `$${source.env}` : quote(source.value);
    return [
      `    {`,
      `      user: ${quote(user)}`,
      `      password: ${pass}`,
      `      permissions: {`,
      `        publish: { allow: ${list(grant.publish, '        ')} }`,
      `        subscribe: { allow: ${list(grant.subscribe, '        ')} }`,
      `        allow_responses: true`,
      `      }`,
      `    }`,
    ].join('\n');
  });
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
