#!/bin/sh
# deps.sh - install the Debian packages onroll needs to build, test and run, if any are
# missing (apt-get; needs root or sudo). Safe to run again: it installs only what is absent.
set -eu
PKGS="gcc make pkg-config sqlite3 libsqlite3-dev libpq-dev libjansson-dev libcsv-dev
libxml2-dev libmicrohttpd-dev libsodium-dev libcurl4-openssl-dev libcmocka-dev
libpwquality-dev cracklib-runtime liboath-dev
postgresql python3 python3-aiosmtpd clang libclang-rt-14-dev curl openssl chromium wrk poppler-utils"
missing() {
    m=""
    for p in $PKGS; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || m="$m $p"
    done
    echo "$m"
}
# Two builds at once on one machine (two clones; `make` and `make asan`) take turns (flock).
install_missing() {
    missing=$(missing)
    [ -n "$missing" ] || return 0
    echo "onroll: installing Debian packages:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
}
lock=${TMPDIR:-/tmp}/onroll-deps.lock
if [ -n "$(missing)" ]; then
    if command -v flock >/dev/null 2>&1 && { : >>"$lock"; } 2>/dev/null; then
        (flock 9 && install_missing) 9>>"$lock"
    else
        install_missing
    fi
fi
# npm packages from the committed lock: GOV.UK Frontend, MOJ Frontend, and playwright-core + axe-core for the
# browser tests (Debian's chromium is the browser; none is ever downloaded)
if [ -f package-lock.json ] && { [ ! -d node_modules/govuk-frontend ] ||
    [ ! -d node_modules/@ministryofjustice/frontend ] ||
    [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; }; then
    npm ci --no-audit --no-fund
fi
