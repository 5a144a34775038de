#!/bin/sh
# cluster.sh - a throwaway PostgreSQL cluster for tests: created in a temporary directory,
# listening on a unix socket in that directory and on 127.0.0.1, on a free port; stopped and
# removed when done. Works as root (the server runs as the `postgres` user, else `nobody`:
# PostgreSQL refuses to run as root) and as an ordinary user. POSIX sh.
#
#   sh tests/pg/cluster.sh check            exit 0 when initdb is installed, else say why, exit 1
#   url=$(sh tests/pg/cluster.sh start)     create + start; prints the database's URL:
#                                           postgresql://onroll@/onroll?host=DIR&port=N
#   sh tests/pg/cluster.sh stop URL|DIR     stop (fast) and remove it
#   sh tests/pg/cluster.sh kill URL|DIR     stop -m immediate (a crash; the files stay)
#   sh tests/pg/cluster.sh restart URL|DIR  start again after kill (crash recovery runs)
#   sh tests/pg/cluster.sh psql URL|DIR [psql args...]   psql as the superuser `onroll`
#   sh tests/pg/cluster.sh port URL|DIR     the port (for TCP URLs: postgres://...@127.0.0.1:N/db)
#
# Env: PG_BINDIR (default: newest /usr/lib/postgresql/*/bin, else pg_config --bindir, else PATH);
# PG_TEST_LOCALE=icu (default: an ICU en-US collation, so that ordering differences from
# SQLite show up in tests) or c (C.UTF-8). The superuser is `onroll`, trusted on the socket
# and on 127.0.0.1; other roles must give a password (scram-sha-256) over TCP.
set -u

bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    for v in 15 16 17 14 13; do
        if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then
            echo "/usr/lib/postgresql/$v/bin"
            return
        fi
    done
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
        echo "$d"
        return
    fi
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    d=$(command -v initdb 2>/dev/null) && dirname "$d"
}

BIN=$(bindir)

die() {
    echo "cluster.sh: $*" >&2
    exit 1
}

# The user the server runs as, and how to run a command as that user.
if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then
        RUNAS=postgres
    else
        RUNAS=nobody
    fi
else
    RUNAS=
fi

as_server() {
    if [ -z "$RUNAS" ]; then
        "$@"
    elif command -v runuser >/dev/null 2>&1; then
        runuser -u "$RUNAS" -- "$@"
    else
        # su needs one command string: quote each argument
        cmd=
        for a in "$@"; do
            cmd="$cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
        done
        su -s /bin/sh "$RUNAS" -c "$cmd"
    fi
}

# The cluster directory from a URL (its host= parameter) or a directory.
dir_of() {
    case "$1" in
    postgres://* | postgresql://*)
        echo "$1" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p'
        ;;
    *) echo "$1" ;;
    esac
}

port_of() {
    d=$(dir_of "$1")
    cat "$d/port" 2>/dev/null || die "$1: not a cluster made by cluster.sh"
}

url_of() { # dir [db]
    echo "postgresql://onroll@/${2:-onroll}?host=$1&port=$(cat "$1/port")"
}

pg_ctl_start() { # dir
    as_server "$BIN/pg_ctl" -D "$1/data" -l "$1/log" -w -t 60 start >/dev/null
}

random_port() {
    n=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' ')
    echo $((20000 + ${n:-$$} % 40000))
}

cmd_start() {
    [ -x "$BIN/initdb" ] || die "initdb is not installed (apt-get install postgresql)"
    dir=$(mktemp -d "${TMPDIR:-/tmp}/onroll-pg.XXXXXX") || die "cannot make a temporary directory"
    [ -n "$RUNAS" ] && chown "$RUNAS" "$dir"
    chmod 700 "$dir"
    locale_args="--locale=C.UTF-8"
    if [ "${PG_TEST_LOCALE:-icu}" = icu ]; then
        locale_args="--locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US"
    fi
    # shellcheck disable=SC2086
    if ! as_server "$BIN/initdb" -D "$dir/data" -U onroll --auth=trust -E UTF8 $locale_args \
        >"$dir/initdb.log" 2>&1; then
        # no ICU in this build, or no C.UTF-8: fall back to the plain C locale
        rm -rf "$dir/data"
        as_server "$BIN/initdb" -D "$dir/data" -U onroll --auth=trust -E UTF8 --no-locale \
            >"$dir/initdb.log" 2>&1 || {
            cat "$dir/initdb.log" >&2
            rm -rf "$dir"
            die "initdb failed"
        }
    fi
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
synchronous_commit = off
max_connections = 100
shared_buffers = 64MB
EOF
    cat >"$dir/data/pg_hba.conf" <<EOF
local all onroll trust
local all all scram-sha-256
host all onroll 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
EOF
    tries=0
    while :; do
        port=$(random_port)
        sed -i '/^port = /d' "$dir/data/postgresql.conf"
        echo "port = $port" >>"$dir/data/postgresql.conf"
        echo "$port" >"$dir/port"
        if pg_ctl_start "$dir"; then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 8 ]; then
            cat "$dir/log" >&2
            rm -rf "$dir"
            die "the server did not start"
        fi
    done
    if ! "$BIN/psql" -X -q -h "$dir" -p "$port" -U onroll -d postgres \
        -c "CREATE DATABASE onroll" >/dev/null; then
        cmd_stop "$dir"
        die "cannot create the database"
    fi
    url_of "$dir"
}

cmd_stop() {
    d=$(dir_of "$1")
    [ -f "$d/port" ] || die "$1: not a cluster made by cluster.sh"
    if [ -f "$d/data/postmaster.pid" ]; then
        as_server "$BIN/pg_ctl" -D "$d/data" -m fast -w stop >/dev/null 2>&1 ||
            as_server "$BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$d"
}

case "${1:-}" in
check)
    if [ -x "$BIN/initdb" ]; then
        exit 0
    fi
    echo "PostgreSQL's initdb is not installed (apt-get install postgresql)"
    exit 1
    ;;
start) cmd_start ;;
stop) cmd_stop "${2:?URL or directory}" ;;
kill)
    d=$(dir_of "${2:?URL or directory}")
    as_server "$BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null
    ;;
restart) pg_ctl_start "$(dir_of "${2:?URL or directory}")" ;;
psql)
    d=$(dir_of "${2:?URL or directory}")
    shift 2
    "$BIN/psql" -X -q -h "$d" -p "$(port_of "$d")" -U onroll -d onroll "$@"
    ;;
port) port_of "${2:?URL or directory}" ;;
*)
    sed -n '2,20s/^# \{0,1\}//p' "$0" >&2
    exit 2
    ;;
esac
