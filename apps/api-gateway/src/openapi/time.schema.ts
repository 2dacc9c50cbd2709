// One instant format for the whole API, shared with the dashboard's client.
export { IsoTime } from '@autoscale/http-contract';
