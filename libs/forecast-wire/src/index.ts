export { toForecastEvent, fromForecastEvent } from './forecast-wire';
