#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A remote URL with a password shows nowhere: not in `status` before any sync (nor after a
# failed one), not in its --json, not in the sync's messages, not in the database; a
# password holding '@', a scp-like user@host:path and an URL given with --remote included.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
mkvol ana ana --remote 'https://bob:p@ss9w0rd@127.0.0.1:1/shared.git'
# nopass FILE NAME: FILE holds no password and no URL with its user (a user name alone may
# be named in a message, e.g. libgit2 resolving a scp-like user:password as a host).
nopass() {
	if grep -Eq 'bob:[^ ]|bob@|p@ss|ss9w0rd' "$1"; then r=1; diag "$(cat "$1")"; else r=0; fi
	is "$r" 0 "$2"
}
vol status >"$T/status" 2>&1
like "$(grep '^remote:' "$T/status")" "^remote: https://127\.0\.0\.1:1/shared\.git$" \
	"status before any sync shows the host and path"
nopass "$T/status" "and no user or password"
vol status --json >"$T/status.json" 2>&1
nopass "$T/status.json" "nor does status --json"
vol sync >"$T/sync" 2>&1
is "$?" 1 "a sync with an unreachable remote fails"
nopass "$T/sync" "its message holds no password (libgit2's half redaction is undone)"
vol status >"$T/status" 2>&1
nopass "$T/status" "status after the failed sync neither"
vol sync --remote 'bob:ss9w0rd@127.0.0.1:shared.git' >"$T/sync" 2>&1
nopass "$T/sync" "a scp-like --remote with a password is not shown either"

# After a good sync with a carrier URL, the stored remote and the carrier message.
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository"
vol add visit business="Mía" municipality=Almazán >/dev/null
vol sync --remote "$R" >"$T/sync" 2>&1
is "$?" 0 "a sync to a folder"
nopass "$T/sync" "the carrier message holds no password"
if grep -ra 'ss9w0rd' "$T/ana/data" >/dev/null 2>&1; then r=1; else r=0; fi
is "$r" 0 "no byte of the password under the data directory"
done_testing
