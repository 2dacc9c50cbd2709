import { Identifier } from './limits';

/**
 * A resource id as providers give it (instance id, host name, file name). NUL is refused:
 * PostgreSQL text cannot hold it, so such an event could never be projected.
 */
export const ResourceId = Identifier;
