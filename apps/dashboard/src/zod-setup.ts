import { config } from 'zod';

// The page's Content-Security-Policy forbids eval: zod must not even try its compiled parsers
// (the attempt alone is a CSP violation report). It reads this as each schema is built, so
// main.ts loads this module, and only then the app, whose chunks build the schemas as they
// load (an import at the top of app.ts would run after them: esbuild puts the schemas in a
// chunk that app.ts imports).
config({ jitless: true });
