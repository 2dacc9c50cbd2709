import type { NamedSeries } from './csv.reader';

/** Placeholder until the memory suite lands. @example memorySuite(); */
export function memorySuite(): NamedSeries[] {
  return [];
}
