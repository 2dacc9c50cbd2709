/** Calls to the gateway, same origin. Errors carry the gateway's own message. */

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response): Promise<ApiFailure> {
  let code = 'http_error';
  let message = `the gateway answered ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiFailure(res.status, code, message);
}

export async function getJson(path: string): Promise<unknown> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw await failure(res);
  return res.json();
}

const TOKEN_KEY = 'autoscale.apiToken';

/** The token is asked once and kept for this tab only (sessionStorage), never in the URL. */
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * POSTs JSON with the bearer token when one is kept. On 401 the kept token is dropped and
 * `askToken` is asked for one (once) before a retry.
 */
export async function postJson(path: string, body: unknown, askToken: () => Promise<string | null>): Promise<unknown> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const token = tokenStore.get();
    const res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (res.status === 401 && attempt === 0) {
      tokenStore.clear();
      const given = await askToken();
      if (!given) throw new ApiFailure(401, 'unauthorized', 'no token given');
      tokenStore.set(given);
      continue;
    }
    if (!res.ok) throw await failure(res);
    return res.status === 204 ? null : res.json();
  }
  throw new ApiFailure(401, 'unauthorized', 'the token was refused');
}

/** What to show when an endpoint this dashboard knows is not on this gateway yet. */
export const notSupported = (error: unknown) => error instanceof ApiFailure && (error.status === 404 || error.status === 405);
