#!/usr/bin/env bash
# Whole-process medians of `mvn autogen:check` against a matching live database and against the replay
# of the migrations, next to Hibernate's own schema validation of that database and Alembic's
# compare_metadata of the same schema (when /usr/bin/python3 has alembic, sqlalchemy and psycopg2). Each autogen case
# runs first with target/autogen-cache emptied (a first run, as in a fresh clone), then again with nothing changed.
# The memory column adds the peaks of the live first run's two JVMs (Maven's and the goal's), as the goal's timings
# print them.
#
# usage: bench/run.sh [N ...]       (default 100 1000 10000; RUNS=5 runs each, paired: one of each per round;
#                                    BUILD=no uses the plugin already in autogen-maven-plugin/target/it-repo)
#
# The live database is a PostgreSQL the script starts itself from the embedded binaries autogen
# unpacked into its cache (never a server installed on the machine); it stops it on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=$here/target
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)
mkdir -p "$work"

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)
repo=$root/autogen-maven-plugin/target/it-repo
settings=$work/settings.xml

if [ "${BUILD:-yes}" = yes ]; then
    echo "== building autogen $version into $repo"
    mvn -B -ntp -o -q -f "$root/pom.xml" -pl .,autogen-runtime,autogen-core,autogen-maven-plugin -DskipTests -DskipITs verify
fi

# the outer local repository serves as a remote one: nothing is downloaded, nothing is installed into it
outer=$(cd ~/.m2/repository && pwd)
cat > "$settings" <<XML
<settings>
  <profiles><profile><id>outer</id>
    <repositories><repository><id>outer-local</id><url>file://$outer</url>
      <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
      <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots></repository></repositories>
    <pluginRepositories><pluginRepository><id>outer-local</id><url>file://$outer</url>
      <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
      <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>outer</activeProfile></activeProfiles>
</settings>
XML
maven=(mvn -B -ntp -s "$settings" -Dmaven.repo.local="$repo")

run_as_postgres() {
    # PostgreSQL refuses to run as root; in a user namespace of its own it is not root
    if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi
}

# one live cluster per list of sizes, so that two runs of the script (say 100, then 1000) can overlap
live=$work/live-$(IFS=-; echo "${sizes[*]}")
live_pid=
stop_live() {
    if [ -n "$live_pid" ] && kill -0 "$live_pid" 2>/dev/null; then
        run_as_postgres "$pg_bin/pg_ctl" -D "$live" stop -m fast -w >/dev/null || kill "$live_pid"
    fi
}
trap stop_live EXIT

start_live() {
    pg_bin=$(ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/autogen/postgres-*/binaries/PG-*/bin | head -1)
    if [ ! -f "$live/PG_VERSION" ]; then
        run_as_postgres "$pg_bin/initdb" -A trust -U postgres -E UTF-8 --no-sync -D "$live" >/dev/null
    fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    run_as_postgres "$pg_bin/postgres" -D "$live" -p "$port" -c listen_addresses=127.0.0.1 \
        -c unix_socket_directories= -c max_connections=50 -c max_locks_per_transaction=2048 > "$live.log" 2>&1 &
    live_pid=$!
    for _ in $(seq 300); do
        if [ "$(sed -n 8p "$live/postmaster.pid" 2>/dev/null | tr -d ' ')" = ready ]; then return; fi
        sleep 0.1
    done
    echo "the live PostgreSQL did not start: $(tail -3 "$live.log")" >&2
    exit 1
}

jdbc_driver=$(ls "$repo"/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
sql() { java -cp "$jdbc_driver" "$here/Sql.java" "$@"; }

alembic=no
if /usr/bin/python3 -c 'import alembic, sqlalchemy, psycopg2' 2>/dev/null; then alembic=yes; fi

# timed LABEL CMD...: appends "LABEL seconds max-rss-kB" to the size's times file; a failing CMD ends the script
timed() {
    local label=$1 out=$live.timed.out
    shift
    if ! /usr/bin/time -f '%e %M' -o "$live.time" "$@" > "$out" 2>&1; then
        echo "failed: $label" >&2; tail -30 "$out" >&2; exit 1
    fi
    echo "$label $(tail -1 "$live.time")" >> "$times"
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

results=()
for n in "${sizes[@]}"; do
    dir=$work/model-$n
    echo "== $n tables in $dir"
    if [ ! -f "$dir/pom.xml" ]; then
        python3 "$here/generate.py" "$n" "$dir" "$version"
    fi
    if ! ls "$dir"/src/main/java/bench/migrations/*.java >/dev/null 2>&1; then
        # one migration creates the whole model (its upgrade() calls private methods of a size javac takes)
        echo "   writing the migration that creates the model (autogen:revision)"
        (cd "$dir" && "${maven[@]}" -q autogen:revision -Dmessage="create model")
    fi
    [ -n "$live_pid" ] || start_live
    database=bench_$n
    url="jdbc:postgresql://127.0.0.1:$port/$database"
    if ! sql "jdbc:postgresql://127.0.0.1:$port/$database" "select 1" 2>/dev/null; then
        sql "jdbc:postgresql://127.0.0.1:$port/postgres" "CREATE DATABASE $database"
    fi
    (cd "$dir" && "${maven[@]}" -q autogen:upgrade -Dautogen.url="$url" -Dautogen.user=postgres \
        && "${maven[@]}" -q dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt")
    classpath="$dir/target/classes:$(cat "$dir/classpath.txt")"

    times=$work/times-$n
    : > "$times"
    for round in $(seq "$runs"); do
        cd "$dir"
        timed maven "${maven[@]}" -o -q validate
        # a first run (target/autogen-cache emptied, as in a fresh clone), then a run with nothing changed since
        rm -rf target/autogen-cache
        timed live "${maven[@]}" -o autogen:check -Dautogen.url="$url" -Dautogen.user=postgres -Dautogen.timings=true
        echo "live-memory $(sed -n 's/.*peak resident memory, .* \([0-9][0-9]*\) MiB$/\1/p' "$live.timed.out" | tail -2 \
            | awk '{sum += $1} END {print sum}')" >> "$times"
        timed live-again "${maven[@]}" -o -q autogen:check -Dautogen.url="$url" -Dautogen.user=postgres
        rm -rf target/autogen-cache
        timed replay "${maven[@]}" -o -q autogen:check
        timed cached "${maven[@]}" -o -q autogen:check
        timed hibernate java -cp "$classpath" bench.Validate "$n" "$url"
        if [ $alembic = yes ]; then
            timed alembic /usr/bin/python3 "$here/alembic_compare.py" "$n" "postgresql://postgres@127.0.0.1:$port/$database"
            grep -q "found 0 differences" "$live.timed.out" || echo "   note: $(cat "$live.timed.out")"
        fi
        echo "   round $round: $(awk '{printf "%s %ss  ", $1, $2}' <(tail -n $([ $alembic = yes ] && echo 8 || echo 7) "$times"))"
    done
    cd "$here"
    m() { grep "^$1 " "$work/times-$n" | awk '{print $2}' | median; }
    rss() { grep "^$1 " "$work/times-$n" | awk '{print $2}' | sort -n | tail -1; }
    results+=("| $n | $(m live) s | $(m live-again) s | $(m replay) s | $(m cached) s | $(m hibernate) s | $([ $alembic = yes ] && echo "$(m alembic) s" || echo n/a) | $(m maven) s | $(rss live-memory) MiB |")
    echo "   medians: ${results[-1]}"
done

echo
echo "Median of $runs whole-process runs on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
echo
echo "| tables | autogen:check, live database | live, nothing changed | autogen:check, replay | replay, nothing changed | Hibernate validate | Alembic compare_metadata | mvn validate (Maven alone) | peak RSS, live first run (Maven's JVM + the goal's) |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${results[@]}"
