#!/bin/sh
# build_assets.sh - put the files `onroll serve` serves under /assets/ into OUT (default
# build/static): GOV.UK Frontend's compiled stylesheet and script (npm package govuk-frontend),
# the Ministry of Justice Frontend's stylesheet and the icons it names (npm package
# @ministryofjustice/frontend: the filter layout, sortable tables and pagination of the
# worklists, which work without its script), both installed by `npm ci` from package-lock.json
# (no CDN), and onroll's own files (web/static/).
#
# onroll is an LA service, not a GOV.UK one, so by default the GDS Transport font and the crown
# images, which are for GOV.UK services only, are left out, and the font's @font-face rules are
# taken out of the stylesheet (the browser then uses Arial, as the Design System advises for
# services not on GOV.UK, without asking for files that are not there). ONROLL_GOVUK_BRAND=1
# copies everything as published.
# Usage: tools/build_assets.sh [OUT]
set -eu
OUT=${1:-build/static}
PKG=node_modules/govuk-frontend
SRC=$PKG/dist/govuk
MOJ=node_modules/@ministryofjustice/frontend/moj
if { [ ! -f "$SRC/govuk-frontend.min.css" ] || [ ! -f "$MOJ/moj-frontend.min.css" ]; } &&
    [ -f package-lock.json ] && command -v npm >/dev/null 2>&1; then
    echo "build_assets: installing the npm packages of package-lock.json"
    npm ci --no-audit --no-fund >/dev/null
fi
if [ ! -f "$SRC/govuk-frontend.min.css" ]; then
    echo "build_assets: $SRC is missing: run 'npm install --save-exact govuk-frontend'" >&2
    exit 1
fi
if [ ! -f "$MOJ/moj-frontend.min.css" ]; then
    echo "build_assets: $MOJ is missing: run 'npm ci'" >&2
    exit 1
fi
VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$PKG/package.json" | head -n 1)
TMP="$OUT.tmp.$$"
rm -rf "$TMP"
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
if [ "${ONROLL_GOVUK_BRAND:-0}" = 1 ]; then
    cp "$SRC/govuk-frontend.min.css" "$TMP/"
    cp -R "$SRC/assets/." "$TMP/"
else
    sed -E 's/@font-face\{[^}]*\}//g' "$SRC/govuk-frontend.min.css" >"$TMP/govuk-frontend.min.css"
fi
cp "$SRC/govuk-frontend.min.js" "$TMP/"
[ -f "$SRC/govuk-frontend.min.js.map" ] && cp "$SRC/govuk-frontend.min.js.map" "$TMP/"
# MOJ Frontend's stylesheet asks for its icons at /assets/images/ (the crown is GOV.UK's only)
cp "$MOJ/moj-frontend.min.css" "$TMP/"
mkdir -p "$TMP/images"
cp "$MOJ"/assets/images/icon-*.svg "$TMP/images/"
cp -R web/static/. "$TMP/"
for f in "$TMP"/onroll/*.mjs; do
    [ -f "$f" ] || continue
    sed "s/@GOVUK_VERSION@/$VERSION/g" "$f" >"$f.new" && mv "$f.new" "$f"
done
rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT
MOJ_VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$MOJ/../package.json" | head -n 1)
echo "build_assets: GOV.UK Frontend $VERSION, MOJ Frontend $MOJ_VERSION and web/static into $OUT"
