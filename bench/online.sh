#!/usr/bin/env bash
# The online form against the plain form, side by side: one migration (an index, a foreign key, a check, a unique
# constraint, NOT NULL on a filled column) on a table of ROWS rows (1,000,000 by default) while two clients insert and
# update it without a pause. Prints how long a client statement waited at most, how many failed, and whether both
# forms leave the same schema.
#
# usage: bench/online.sh [ROWS]
#
# The database is a PostgreSQL the script starts itself from the embedded binaries autogen unpacked into its cache
# (never a server installed on the machine); it stops it on exit. It is a benchmark, not a test: run it on a quiet machine.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$here/target
rows=${1:-1000000}
mkdir -p "$work"

echo "== compiling autogen-runtime"
mvn -B -ntp -o -q -f "$root/pom.xml" -pl .,autogen-runtime compile

run_as_postgres() {
    # PostgreSQL refuses to run as root; in a user namespace of its own it is not root
    if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi
}

live=$work/online-live
live_pid=
stop_live() {
    if [ -n "$live_pid" ] && kill -0 "$live_pid" 2>/dev/null; then
        run_as_postgres "$pg_bin/pg_ctl" -D "$live" stop -m fast -w >/dev/null || kill "$live_pid"
    fi
}
trap stop_live EXIT

pg_bin=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/autogen/postgres-*/binaries/PG-*/bin | head -1)
if [ ! -f "$live/PG_VERSION" ]; then
    run_as_postgres "$pg_bin/initdb" -A trust -U postgres -E UTF-8 --no-sync -D "$live" >/dev/null
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_as_postgres "$pg_bin/postgres" -D "$live" -p "$port" -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories= -c max_connections=50 -c fsync=off > "$live.log" 2>&1 &
live_pid=$!
for _ in $(seq 300); do
    if [ "$(sed -n 8p "$live/postmaster.pid" 2>/dev/null | tr -d ' ')" = ready ]; then break; fi
    sleep 0.1
done
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port; load before: $(cut -d' ' -f1-3 /proc/loadavg)"

jdbc_driver=$(ls ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
java -cp "$root/autogen-runtime/target/classes:$jdbc_driver" "$here/OnlineBench.java" \
    "jdbc:postgresql://127.0.0.1:$port/postgres" "$rows"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
