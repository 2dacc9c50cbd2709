export { MS_PER_DAY, MS_PER_HOUR, MS_PER_MIN, MS_PER_SECOND, NS_PER_MS } from './time-units';
