/**
 * A stateless hash of integers to [0, 1): the simulator derives every value from
 * (seed, resource, tick) alone, so a restart regenerates exactly the same series and the
 * same dedupe ids.
 */
export function hashUnit(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return (h >>> 0) / 4_294_967_296;
}

/** Standard normal from two hashed uniforms (Box–Muller). */
export function hashNormal(...parts: number[]): number {
  const u = Math.max(hashUnit(...parts, 1), 1e-12);
  const v = hashUnit(...parts, 2);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
