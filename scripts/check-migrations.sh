#!/usr/bin/env bash
# Fails when src/db/schema.ts has changed without a committed drizzle-kit migration:
# generates into a scratch copy of migrations/ and checks that nothing new appears.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp -r migrations/. "$scratch/"
before=$(find "$scratch" -name '*.sql' | wc -l)
npx drizzle-kit generate --dialect sqlite --schema ./src/db/schema.ts --out "$scratch" >"$scratch/.log" 2>&1 || { cat "$scratch/.log"; exit 1; }
after=$(find "$scratch" -name '*.sql' | wc -l)
if [ "$after" != "$before" ]; then
  echo "migrations/ does not match src/db/schema.ts: run \`npm run db:generate\` and commit the new migration." >&2
  exit 1
fi
# The PostgreSQL store's schema and migrations/pg, the same way.
pg_scratch="$scratch/pg-check"
mkdir -p "$pg_scratch"
cp -r migrations/pg/. "$pg_scratch/"
before=$(find "$pg_scratch" -name '*.sql' | wc -l)
npx drizzle-kit generate --dialect postgresql --schema ./src/store/postgres/schema.ts --out "$pg_scratch" >"$scratch/.log-pg" 2>&1 || { cat "$scratch/.log-pg"; exit 1; }
after=$(find "$pg_scratch" -name '*.sql' | wc -l)
if [ "$after" != "$before" ]; then
  echo "migrations/pg does not match src/store/postgres/schema.ts: run \`npx drizzle-kit generate --config drizzle.pg.config.ts\` and commit the new migration." >&2
  exit 1
fi
echo "migrations match the schema."
