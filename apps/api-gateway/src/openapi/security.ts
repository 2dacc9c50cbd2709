/**
 * The bearer token of `API_TOKEN` (require-token.middleware.ts), named in the document's
 * `components.securitySchemes` and required by the routes that page people or mute alerts.
 */
export const BEARER_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description: '`Authorization: Bearer <API_TOKEN>`; needed only when the gateway runs with `API_TOKEN` set.',
} as const;

export const BEARER = [{ bearer: [] }];
