# Sourced by scripts/test.sh: makes DATABASE_URL_TEST point at a PostgreSQL the store tests can
# use. When the one given is reachable, it is used as is; otherwise a throwaway cluster is
# started (initdb and pg_ctl in a temporary folder, on a free port, listening on 127.0.0.1
# only) and stopped when the shell exits. PostgreSQL refuses to run as root: as root, the
# cluster runs as the `postgres` user (created when missing). Without PostgreSQL's programs
# nothing is started and the PostgreSQL tests skip, saying why (under CI=true they fail).

pg_reachable() {
  [ -n "${DATABASE_URL_TEST:-}" ] || return 1
  node -e 'const pg = require("pg"); const c = new pg.Client({ connectionString: process.env.DATABASE_URL_TEST, connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));' 2>/dev/null
}

pg_bin_dir() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -n "$initdb" ]; then dirname "$initdb"; return; fi
  # Debian's postgresql package keeps the server programs off the PATH.
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return; fi
  done
}

start_test_postgres() {
  if pg_reachable; then
    echo "PostgreSQL for the store tests: DATABASE_URL_TEST (reachable)"
    return 0
  fi
  local bin
  bin=$(pg_bin_dir)
  if [ -z "$bin" ]; then
    echo "PostgreSQL for the store tests: none (no initdb found); its tests will skip"
    unset DATABASE_URL_TEST
    return 0
  fi
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    as=(runuser -u postgres --)
  fi
  PG_TEST_DIR=$(mktemp -d)
  chmod 755 "$PG_TEST_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_TEST_DIR"
  local port
  port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
  "${as[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$PG_TEST_DIR/initdb.log" 2>&1 || {
    cat "$PG_TEST_DIR/initdb.log"
    return 1
  }
  # Durability is not what these tests measure: fsync off keeps a throwaway cluster quick.
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || {
    cat "$PG_TEST_DIR/server.log"
    return 1
  }
  PG_TEST_BIN=$bin
  PG_TEST_AS=("${as[@]}")
  trap stop_test_postgres EXIT
  export DATABASE_URL_TEST="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL for the store tests: a throwaway cluster on 127.0.0.1:$port"
}

stop_test_postgres() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  "${PG_TEST_AS[@]}" "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=
}
