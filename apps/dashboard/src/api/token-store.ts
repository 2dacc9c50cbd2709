const TOKEN_KEY = 'autoscale.apiToken';

/** The token is asked once and kept for this tab only (sessionStorage), never in the URL. */
export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The bearer header for the kept token, if any. */
export const authHeader = (): Record<string, string> => {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
};
