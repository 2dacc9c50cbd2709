import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and committed; the
// gateway applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/db/src/schema/*.ts',
  out: './libs/db/drizzle',
});
