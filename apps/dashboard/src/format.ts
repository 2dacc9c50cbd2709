import { MS_PER_MIN } from '@autoscale/time-units';
/** How times and values read on the page: local clock, relative "in 18 min". */

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v.toFixed(1)} %`);

export function clock(ms: number | null): string {
  if (ms === null) return '–';
  const d = new Date(ms);
  const sameDay = new Date().toDateString() === d.toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString([], { month: 'short', day: 'numeric' })} ${time}`;
}

export function relative(ms: number | null, now = Date.now()): string {
  if (ms === null) return '';
  const min = Math.round((ms - now) / MS_PER_MIN);
  if (Math.abs(min) < 1) return 'now';
  const span = Math.abs(min) < 90 ? `${Math.abs(min)} min` : `${(Math.abs(min) / 60).toFixed(1)} h`;
  return min > 0 ? `in ${span}` : `${span} ago`;
}

export const iso = (ms: number) => new Date(ms).toISOString();
