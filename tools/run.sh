#!/bin/sh
# run.sh - what `make run` does after building: create onroll.db with the demo LA when it is
# absent, then serve it on 127.0.0.1:8080 (ONROLL_LISTEN to change).
set -eu
DB=${ONROLL_DB:-onroll.db}
if [ ! -e "$DB" ]; then
    echo "onroll: creating $DB with the demo local authority (a few seconds)"
    ./build/onroll --db "$DB" demo
fi
exec ./build/onroll --db "$DB" serve --listen "${ONROLL_LISTEN:-127.0.0.1:8080}"
