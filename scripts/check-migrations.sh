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
echo "migrations match the schema."
