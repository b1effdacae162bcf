# A private PostgreSQL server for a script's run: its cluster in a temporary
# folder, its socket there (no TCP), stopped at the end. Sourced by
# postgres_test.sh and bench/run; defines functions only.

# find_postgres: sets $pg_bin (initdb, pg_ctl and createdb: beside pg_ctl on
# PATH, else Debian's versioned folder) and $as_server (runuser to the
# postgres user when running as root, which PostgreSQL refuses). Returns 1
# with the reason in $pg_missing when the server cannot run here.
find_postgres() {
  local dir
  pg_bin= as_server=() pg_missing=
  for dir in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")" /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/createdb" ]; then pg_bin=$dir; break; fi
  done
  if [ -z "$pg_bin" ]; then
    pg_missing="PostgreSQL's server programs (initdb, pg_ctl, createdb) are not installed"
    return 1
  fi
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      pg_missing="running as root and there is no postgres user to run the PostgreSQL server as"
      return 1
    fi
    as_server=(runuser -u postgres --)
  fi
}

# start_postgres PORT: a fresh cluster in a new folder ($pg_cluster), its
# server on PORT's socket there. Returns initdb's or pg_ctl's failure, their
# logs left in $pg_cluster.
start_postgres() {
  pg_port=$1
  pg_cluster=$(mktemp -d)
  chmod 755 "$pg_cluster"
  [ ${#as_server[@]} -gt 0 ] && chown postgres "$pg_cluster"
  "${as_server[@]}" "$pg_bin/initdb" -D "$pg_cluster/data" -U apexrun -A trust --no-locale -E UTF8 \
    >"$pg_cluster/initdb.log" 2>&1 || return
  "${as_server[@]}" "$pg_bin/pg_ctl" -D "$pg_cluster/data" -l "$pg_cluster/server.log" -w \
    -o "-p $pg_port -k $pg_cluster -c listen_addresses=" start >/dev/null 2>&1
}

# stop_postgres: stops the server and removes its cluster.
stop_postgres() {
  [ -n "${pg_cluster:-}" ] || return 0
  "${as_server[@]}" "$pg_bin/pg_ctl" -D "$pg_cluster/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_cluster"
}

# db_url NAME: a fresh database NAME and its URL (the socket's folder as host).
db_url() {
  "$pg_bin/createdb" -h "$pg_cluster" -p "$pg_port" -U apexrun "$1"
  echo "postgresql://apexrun@/$1?host=$pg_cluster&port=$pg_port"
}
