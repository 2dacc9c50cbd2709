/** gRPC status names as Google's JSON errors spell them (`error.status`) → their codes. */
const STATUS_CODES: Record<string, number> = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

/** HTTP status → gRPC code, for an answer whose body said nothing more (a proxy's 502). */
const HTTP_TO_GRPC: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  429: 8,
  500: 13,
  502: 14,
  503: 14,
  504: 4,
};

/**
 * The gRPC status code of a Cloud Monitoring failure, whichever way it arrives: in REST mode
 * the HTTP layer (gaxios) throws with the HTTP status as `status` and Google's JSON error body
 * as the message; over gRPC, `code` is the gRPC code itself. Undefined for errors that are not
 * API answers (a refused connection: see `code` as a string).
 *
 * @example
 * grpcStatus(Object.assign(new Error('{"error":{"code":403,"status":"PERMISSION_DENIED"}}'), { status: 403 })); // 7
 */
export function grpcStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const fromBody = error instanceof Error ? statusInBody(error.message) : undefined;
  if (fromBody !== undefined) return fromBody;
  if ('status' in error && typeof error.status === 'number')
    return HTTP_TO_GRPC[error.status] ?? (error.status >= 500 ? 13 : 2);
  if ('code' in error && typeof error.code === 'number') return error.code;
  return undefined;
}

/**
 * The name of a gRPC code, for logs an operator can search for.
 *
 * @example
 * grpcStatusName(7); // 'PERMISSION_DENIED'
 */
export function grpcStatusName(code: number): string {
  return Object.entries(STATUS_CODES).find(([, c]) => c === code)?.[0] ?? String(code);
}

function statusInBody(message: string): number | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const body = JSON.parse(message) as { error?: { status?: unknown } };
    return typeof body.error?.status === 'string' ? STATUS_CODES[body.error.status] : undefined;
  } catch {
    return undefined;
  }
}
