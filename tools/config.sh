#!/bin/sh
# config.sh - print the make variables of onroll's libraries as pkg-config gives them, for the
# Makefile's $(BUILD)/config.mk: PKG_CFLAGS, PKG_LIBS (the program's) and PKG_TEST_LIBS
# (cmocka). Run after tools/deps.sh has installed them; a library pkg-config cannot find is an
# error naming it, not an empty flag and a link failure later.
# Usage: sh tools/config.sh "PKGS" "TEST_PKGS"
set -eu
[ $# -eq 2 ] || { echo "usage: sh tools/config.sh \"PKGS\" \"TEST_PKGS\"" >&2; exit 2; }
for p in $1 $2; do
    if ! pkg-config --exists "$p"; then
        echo "onroll: pkg-config finds no $p (tools/deps.sh installs the Debian packages)" >&2
        exit 1
    fi
done
echo "# written by tools/config.sh from pkg-config: do not edit (make writes it again)"
echo "PKG_CFLAGS := $(pkg-config --cflags $1 $2)"
echo "PKG_LIBS := $(pkg-config --libs $1)"
echo "PKG_TEST_LIBS := $(pkg-config --libs $2)"
