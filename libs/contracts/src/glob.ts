/**
 * Whether `value` matches a glob: `*` any run of characters, `?` one character, everything
 * else literal (resource ids hold dots and slashes, so nothing else is special).
 *
 * @example
 * globMatches('web-*', 'web-01'); // true
 */
export function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(value);
}
