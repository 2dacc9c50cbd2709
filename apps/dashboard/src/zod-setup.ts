import { config } from 'zod';

// The page's Content-Security-Policy forbids eval: zod must not even try its compiled parsers
// (the attempt alone is a CSP violation report). It reads this as each schema is built, so
// main.ts imports this module before any module that builds one.
config({ jitless: true });
