#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The man page: its SYNOPSIS is --help's usage of every command, word for word; every
# command has its entry under COMMANDS; mandoc -Tlint finds nothing; man -l renders it.
. "${0%/*}/lib.sh"

command -v man >/dev/null || skip_all "man is not installed (man-db)"
command -v mandoc >/dev/null || skip_all "mandoc is not installed"
PAGE="$TOP/man/volunteer.1"

LC_ALL=C MANWIDTH=200 man -l "$PAGE" >"$T/page" 2>"$T/err"
ok $? "man -l renders the page"
is "$(cat "$T/err")" "" "with no warning"
usage() { sed -n 's/^ *\(volunteer [a-z].*\)/\1/p' | tr -s ' '; }
"$VOLUNTEER" --help | usage >"$T/help"
sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$T/page" | usage >"$T/synopsis"
diff "$T/help" "$T/synopsis" >"$T/diff"
ok $? "SYNOPSIS lists the commands and options of --help, in its order"
[ -s "$T/diff" ] && diag "$(cat "$T/diff")"
[ -s "$T/help" ]
ok $? "(and --help lists some)"
sed -n '/^COMMANDS/,/^FILTERS/p' "$T/page" >"$T/commands"
missing=
for cmd in $(sed 's/^volunteer \([a-z-]*\).*/\1/' "$T/help"); do
	grep -q "^       $cmd\( \|$\)" "$T/commands" || missing="$missing $cmd"
done
is "$missing" "" "COMMANDS documents every command"
is "$(mandoc -Tlint "$PAGE" 2>&1)" "" "mandoc -Tlint finds nothing"
done_testing
