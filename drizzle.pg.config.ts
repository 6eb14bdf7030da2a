// The PostgreSQL store's schema (DATABASE_URL=postgres://…): `npx drizzle-kit generate --config drizzle.pg.config.ts`.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/store/postgres/schema.ts',
  out: './migrations/pg',
});
