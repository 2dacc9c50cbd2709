export { metrics } from './metrics';
export { forecasts } from './forecasts';
export { alerts } from './alerts';
export { readModelMarker } from './read-model-marker';
