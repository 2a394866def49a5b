#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# gitolite3 over a real sshd on 127.0.0.1, as a programme runs it: two volunteers with their
# own keys, a repository both may write (shared) and one only ana may write and ben may
# read (archive). Both sync through shared; ben's push to archive is refused with a clear
# "not allowed to push" line, exit 1, and nothing is lost: the record stays unsynced and
# goes later through the shared repository.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p "$T/keys" "$HOME/.ssh"
ssh-keygen -q -t ed25519 -f "$T/keys/ana" -N '' || skip_all "ssh-keygen failed"
ssh-keygen -q -t ed25519 -f "$T/keys/ben" -N ''
printf '%s\n' "repo shared" "    RW = ana ben" "repo archive" "    RW = ana" "    R = ben" \
	>"$T/rules.conf"
mkdir -p "$T/gl"
start_gitolite "$T/gl" "$T/rules.conf" "$T/keys"
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

mkvol ana ana --remote "${GL_URL}shared"
sed -i "s|^ssh_key = .*|ssh_key = $T/keys/ana|" "$VCONF"
ANA=$VCONF
vol add visit business="Panadería Las Eras" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 2, received 0, conflicts 0" "ana syncs through gitolite with her key"
out=$(vol sync --remote "${GL_URL}archive" </dev/null 2>&1)
like "$out" "^sent [0-9]+, received 0, conflicts 0" "ana may write the archive too"

mkvol ben ben --remote "${GL_URL}shared"
sed -i "s|^ssh_key = .*|ssh_key = $T/keys/ben|" "$VCONF"
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 0, received 2, conflicts 0" "ben receives ana's record with his own key"

# -- ben may only read the archive: a clear refusal, nothing lost
archive_state() { git --git-dir="$T/gl/home/repositories/archive.git" show-ref | md5sum; }
before=$(archive_state)
vol add visit business="Bar Plaza" >/dev/null
vol sync --remote "${GL_URL}archive" </dev/null >"$T/out" 2>"$T/err"
is $? 1 "ben's push to the read-only repository: exit 1"
is "$(wc -l <"$T/err")" 1 "one line"
like "$(cat "$T/err")" "not allowed to push" "it says he is not allowed to push"
like "$(cat "$T/err")" "DENIED" "with gitolite's own words"
is "$(unsynced)" 2 "the record is still waiting to be sent"
is "$(archive_state)" "$before" "the archive did not change"
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 2, received 0, conflicts 0" "later it goes through the shared repository"
is "$(unsynced)" 0 "and is clean"
VCONF=$ANA
is "$(vol sync </dev/null 2>&1)" "sent 0, received 2, conflicts 0" "ana receives ben's record"
done_testing
