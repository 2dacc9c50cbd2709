import { MS_PER_MIN } from '@autoscale/time-units';
/** How times and values read on the page: local clock, relative "in 18 min". */

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(1)} %`);

// Built once, on first use: `toLocaleTimeString(locales, options)` builds a new ICU formatter on
// every call (about 1 ms each; two per row of the overview, 75 ms for its first rows measured on
// the loaded 2-core machine), and none is needed before the first row is drawn.
let formats: { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | undefined;
const clockFormats = () =>
  (formats ??= {
    time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }),
  });

export function clock(ms: number | null): string {
  if (ms === null) return '–';
  const d = new Date(ms);
  const sameDay = new Date().toDateString() === d.toDateString();
  const time = clockFormats().time.format(d);
  return sameDay ? time : `${clockFormats().day.format(d)} ${time}`;
}

export function relative(ms: number | null, now = Date.now()): string {
  if (ms === null) return '';
  const min = Math.round((ms - now) / MS_PER_MIN);
  if (Math.abs(min) < 1) return 'now';
  const span = Math.abs(min) < 90 ? `${Math.abs(min)} min` : `${(Math.abs(min) / 60).toFixed(1)} h`;
  return min > 0 ? `in ${span}` : `${span} ago`;
}

export const iso = (ms: number) => new Date(ms).toISOString();
