#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The progress of a large push over https:// (lighttpd in front of git http-backend, basic
# auth): the C test t0355 pushes its 1,500 records to this server instead of git daemon,
# and its checks are the same: the push stage's percentages move while the pack goes out,
# never go back, and end at 100.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
PROGRAM=${TEST_BUILD:-$TOP/build}/tests/t0355-sync-push-progress.t
[ -x "$PROGRAM" ] || give_up "the C test t0355 is built ($PROGRAM)"

HTTPD_PID=
trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT

https_remote
T0355_REMOTE=$URL T0355_CA=$T/ca/ca.pem T0355_TOKEN=$TOKEN "$PROGRAM"
rc=$?
# The server took the pack: its branch holds the 1,500 records.
n=$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ 2>/dev/null | grep -c '\.json$')
[ "$n" -ge 1500 ] || { echo "# the server's branch holds $n records, not 1,500"; exit 1; }
exit $rc
