#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The modules behind one versioned struct each: sync and PDF load them when needed; a
# module missing or of another version is refused with a message, never called.
. "${0%/*}/lib.sh"

MODS=${TEST_BUILD:-$TOP/build}/modules
[ -f "$MODS/volunteer-git.so" ] || { echo "1..1"; echo "not ok 1 - the modules are built in $MODS"; exit 1; }
command -v git >/dev/null || skip_all "git is not installed"
git init -q --bare "$T/r.git"
mkvol ana ana --remote "$T/r.git"
vol add workshop title="Uno" municipality=Almazán attendees=3 >/dev/null

mkdir -p "$T/none"
VOLUNTEER_MODULEDIR="$T/none" vol sync >/dev/null 2>&1
is $? 0 "without a module folder, the build tree's module is found"

vol add workshop title="Dos" municipality=Almazán attendees=3 >/dev/null
mkdir -p "$T/old"
python3 - "$MODS/volunteer-git.so" "$T/old/volunteer-git.so" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
version = b"\0" + b"0.1.0" + b"\0"
assert version in data
open(sys.argv[2], "wb").write(data.replace(version, b"\0" + b"9.9.9" + b"\0", 1))
PY
VOLUNTEER_MODULEDIR="$T/old" vol sync >"$T/out" 2>"$T/err"
is $? 1 "a git module of another version: exit 1"
like "$(cat "$T/err")" "volunteer-git module is of another version \(9\.9\.9" \
	"with a message that names the versions"
is "$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])')" 1 \
	"and nothing was sent"
vol sync >/dev/null 2>&1
is $? 0 "the right module syncs"
done_testing
