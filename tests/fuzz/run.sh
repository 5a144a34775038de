#!/bin/sh
# run.sh - build the libFuzzer targets with clang (ASan + UBSan) and run each for
# FUZZ_SECONDS (default 60), starting from the committed corpus. `make fuzz` runs this.
set -eu
SECONDS_EACH=${FUZZ_SECONDS:-60}
OUT=build-fuzz
mkdir -p "$OUT"
# the libraries' flags from make (the Makefile's PKGS, $(BUILD)/config.mk), else pkg-config's
PKG_CFLAGS=${PKG_CFLAGS:-$(pkg-config --cflags sqlite3 libpq libsodium libxml-2.0 jansson)}
PKG_LIBS=${PKG_LIBS:-$(pkg-config --libs sqlite3 libpq libsodium libxml-2.0 jansson)}
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -Iinclude -Isrc $PKG_CFLAGS"
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
LIBS="$PKG_LIBS -lcsv -lm -lpthread"
SRC="src/core/*.c src/rules/*.c src/store/*.c src/ingest/*.c src/model/*.c"
sh tools/embed_sql.sh src/store/migrations/*.sql >"$OUT/migrations.c"
status=0
for t in values import measures plans ctf instrument; do
    clang $CFLAGS $SAN -o "$OUT/fuzz_$t" tests/fuzz/fuzz_$t.c $SRC "$OUT/migrations.c" $LIBS
    mkdir -p "$OUT/corpus_$t"
    seeds=tests/fuzz/corpus
    [ -d "tests/fuzz/corpus_$t" ] && seeds=tests/fuzz/corpus_$t # the CTF's own XML seeds
    if "$OUT/fuzz_$t" -max_total_time="$SECONDS_EACH" -max_len=8192 "$OUT/corpus_$t" "$seeds" \
        >"$OUT/fuzz_$t.log" 2>&1; then
        echo "ok   fuzz_$t: $(grep -c . "$OUT/fuzz_$t.log") log lines, no crash in ${SECONDS_EACH}s"
    else
        echo "FAIL fuzz_$t"; tail -40 "$OUT/fuzz_$t.log"; status=1
    fi
done
exit $status
