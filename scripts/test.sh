#!/usr/bin/env bash
# The whole test suite: type-check, lint, dead code, OpenAPI drift, migrations drift, then vitest.
# Ends with a plain "N passed, N failed" line (each check counts as one test).
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
check() {
  local name=$1; shift
  echo "── $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "✗ $name failed"; fi
}
check "type-check (tsc --noEmit)" npx tsc --noEmit
check "lint and format (biome check)" npx biome check .
check "no unused files, exports or dependencies (knip)" npx knip --no-progress
check "OpenAPI document is up to date" npx tsx scripts/emit-openapi.ts --check
check "docs/decision-codes.md is up to date" npx tsx scripts/emit-decision-codes.ts --check
check "migrations match the schema" bash scripts/check-migrations.sh
check "the default dataset is what npm run data:build makes" npx tsx scripts/build-dataset.ts --check

# The store contract tests run on PostgreSQL too: DATABASE_URL_TEST, or a throwaway cluster.
# shellcheck source=scripts/test-postgres.sh
source scripts/test-postgres.sh
start_test_postgres || { echo "✗ could not start PostgreSQL for the tests"; failed=$((failed + 1)); }

report=$(mktemp)
echo "── vitest"
npx vitest run --coverage --reporter=default --reporter=json --outputFile.json="$report" "$@"
vitest_status=$?
skipped=0
if [ -s "$report" ]; then
  read -r p f skipped < <(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrors ?? 0), r.numPendingTests + (r.numTodoTests ?? 0))' "$report")
  if [ "$skipped" -gt 0 ]; then
    # Say which and why: suites skip when the CITES files in ../shared/data are missing.
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const why = new Set(); for (const f of r.testResults) for (const a of f.assertionResults) if (a.status === "pending" || a.status === "skipped") why.add((a.ancestorTitles.find((t) => /SKIPPED/.test(t)) ?? a.ancestorTitles[0] ?? f.name).replace(/^.*SKIPPED: /, ""));
      console.log(`skipped ${[...why].length} group(s):`); for (const w of why) console.log(`  - ${w}`);' "$report"
  fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$vitest_status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
fi
rm -f "$report"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped (see above why)"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
