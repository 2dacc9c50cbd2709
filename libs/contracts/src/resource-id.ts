/**
 * Resource ids come from providers (instance ids, host names, file names) and may hold
 * characters that NATS subject tokens cannot: `.`, `*`, `>`, whitespace. Every character
 * outside `[A-Za-z0-9_-]` is written as `~` plus its UTF-8 bytes in hex, so the mapping is
 * reversible and `~` itself never appears unescaped.
 *
 * @example
 * encodeSubjectToken('web.01') // 'web~2E01'
 * decodeSubjectToken('web~2E01') // 'web.01'
 */
export function encodeSubjectToken(id: string): string {
  let out = '';
  for (const char of id) {
    if (/^[A-Za-z0-9_-]$/.test(char)) {
      out += char;
      continue;
    }
    for (const byte of new TextEncoder().encode(char)) {
      out += `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** Inverse of {@link encodeSubjectToken}. */
export function decodeSubjectToken(token: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '~') {
      bytes.push(Number.parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
      continue;
    }
    bytes.push(token.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
