#!/bin/sh
# run.sh - build the libFuzzer targets with clang (ASan + UBSan) and run each for
# FUZZ_SECONDS (default 60), starting from the committed corpus. `make fuzz` runs this.
# The library's sources are compiled once (FUZZ_JOBS at a time, default 2: the cores CI has)
# and linked into each target; the targets then run FUZZ_JOBS at a time.
set -eu
SECONDS_EACH=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-2}
OUT=build-fuzz
mkdir -p "$OUT/obj"
# the libraries' flags from make (the Makefile's PKGS, $(BUILD)/config.mk), else pkg-config's
PKG_CFLAGS=${PKG_CFLAGS:-$(pkg-config --cflags sqlite3 libpq libsodium libxml-2.0 jansson)}
PKG_LIBS=${PKG_LIBS:-$(pkg-config --libs sqlite3 libpq libsodium libxml-2.0 jansson)}
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -Iinclude -Isrc $PKG_CFLAGS"
SAN="address,undefined -fno-sanitize-recover=undefined"
LIBS="$PKG_LIBS -lcsv -lm -lpthread"
TARGETS="values import measures plans ctf instrument"
sh tools/embed_sql.sh src/store/migrations/*.sql >"$OUT/migrations.c"
export CFLAGS SAN OUT
# one object per source (its path with / as _), FUZZ_JOBS compilers at a time
ls src/core/*.c src/rules/*.c src/store/*.c src/ingest/*.c src/model/*.c "$OUT/migrations.c" |
    xargs -P "$JOBS" -I{} sh -c 'o="$OUT/obj/$(echo "{}" | tr / _).o";
        clang $CFLAGS -fsanitize=fuzzer-no-link,$SAN -c "{}" -o "$o"' ||
    { echo "FAIL fuzz: the library did not compile"; exit 1; }
for t in $TARGETS; do
    clang $CFLAGS -fsanitize=fuzzer,$SAN -o "$OUT/fuzz_$t" tests/fuzz/fuzz_$t.c "$OUT"/obj/*.o $LIBS
done
run_one() { # $1 = target: runs it, prints its line, exits non-zero on a crash
    t=$1
    mkdir -p "$OUT/corpus_$t"
    seeds=tests/fuzz/corpus
    [ -d "tests/fuzz/corpus_$t" ] && seeds=tests/fuzz/corpus_$t # the CTF's own XML seeds
    if "$OUT/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=8192 "$OUT/corpus_$t" "$seeds" \
        >"$OUT/fuzz_$t.log" 2>&1; then
        echo "ok   fuzz_$t: $(grep -c . "$OUT/fuzz_$t.log") log lines, no crash in ${SECONDS_EACH}s"
    else
        echo "FAIL fuzz_$t"
        tail -40 "$OUT/fuzz_$t.log"
        return 1
    fi
}
status=0
set -- $TARGETS
while [ $# -gt 0 ]; do # FUZZ_JOBS targets at a time; their lines in order
    pids="" names=""
    i=0
    while [ $# -gt 0 ] && [ $i -lt "$JOBS" ]; do
        run_one "$1" >"$OUT/run_$1.txt" 2>&1 &
        pids="$pids $!" names="$names $1"
        shift
        i=$((i + 1))
    done
    for p in $pids; do
        wait "$p" || status=1
    done
    for n in $names; do
        cat "$OUT/run_$n.txt"
    done
done
exit $status
