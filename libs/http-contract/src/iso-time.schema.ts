import { z } from 'zod';

/** An instant as the API writes it: ISO 8601 (`2026-03-01T12:00:00.000Z`). */
export const IsoTime = z.iso.datetime({ offset: true });
