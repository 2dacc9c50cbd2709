export { metrics } from './metrics';
export { forecasts } from './forecasts';
export { alerts } from './alerts';
export { resources } from './resources';
export { readModelMarker } from './read-model-marker';
export { alertAcks } from './alert-acks';
export { scaleDecisions } from './scale-decisions';
