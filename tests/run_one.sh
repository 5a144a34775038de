#!/bin/sh
# run_one.sh SCRIPT DIR - run one test script for tests/run.sh's pool: its output to
# DIR/NAME.log, and its exit status, start and end times (seconds) to DIR/NAME.rc.
b=$(basename "$1")
t0=$(date +%s)
sh "$1" >"$2/$b.log" 2>&1
echo "$? $t0 $(date +%s)" >"$2/$b.rc"
