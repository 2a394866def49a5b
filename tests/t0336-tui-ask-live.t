#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# While the screens' sync waits for an answer (a new ssh host, against a real sshd on
# 127.0.0.1), the program stays live: a resize redraws the question in the new size; the
# deadlines wait for the person ([sync] timeout = 2, answered after 5 s, the sync still
# goes through); a sync child that dies meanwhile closes the question with a clear
# failure and the screens go on; SIGTERM ends the program and its children at once.
# Nothing is written to known_hosts unless the answer was yes.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v pgrep >/dev/null || skip_all "pgrep is not installed (procps)"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; tui_cleanup' EXIT
ssh-keygen -q -t ed25519 -f "$T/id" -N '' || skip_all "ssh-keygen failed"
cp "$T/id.pub" "$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$SSHD_PORT$T/srv/shared.git"
FP=$(ssh-keygen -lf "$T/sshd/hostkey.pub" | cut -d' ' -f2)
unset SSH_AUTH_SOCK

flat() { screen | sed 's/^ *//; s/ *$//' | tr '\n' ' '; }
flat_has() { flat | grep -Eq -- "$1"; }
widest() { screen | wc -L; }
on_server() {
	git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main 2>/dev/null | grep -c '^records/'
}

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/id|; s|^known_hosts = .*|known_hosts = $T/hosts1|; s|^timeout = .*|timeout = 2|" \
	"$VCONF"
grep -q '^timeout = 2$' "$VCONF" || give_up "the config holds timeout = 2"
vol add visit business="Panadería Las Eras" >/dev/null

# -- a resize while asked, and an answer that comes after the deadline would have passed
tui_start 80 24
wait_for 'Panadería Las Eras' && tui_ready
keys s && wait_for 'is not known yet'
ok $? "the question is open"
$TM resize-window -t 0 -x 60 -y 20 2>/dev/null
wait_until eval '[ "$(widest)" -le 60 ] && screen | grep -qF "$FP"'
ok $? "after a resize the question is drawn again in 60 columns, the fingerprint whole"
like "$(screen)" "y yes +n no" "with how to answer"
sleep 5
ok "$([ ! -e "$T/hosts1" ]; echo $?)" "nothing is written while the person thinks"
keys y && wait_for 'Sync done: sent 2, received 0, conflicts 0'
ok $? "answered after 5 s with [sync] timeout = 2: the deadline waited, the sync goes through"
is "$(on_server)" 2 "the record (and its business) is on the server"
is "$(grep -c . "$T/hosts1")" 1 "the host was written once"

keys Escape && wait_for '^n new' && keys q && tui_wait_exit

# -- the sync child dies while it asks: the question closes, the screens go on
sed -i "s|^known_hosts = .*|known_hosts = $T/hosts2|" "$VCONF"
tui_start 80 24
wait_for 'Panadería Las Eras' && tui_ready
keys s && wait_for 'is not known yet'
ok $? "a sync with another known_hosts asks again"
child=$(pgrep -P "$(tui_pid)" | head -1)
ok "$([ -n "$child" ]; echo $?)" "the sync runs in a child of the program"
kill -9 "$child" 2>/dev/null
wait_until flat_has 'Sync failed: it stopped unexpectedly'
ok $? "the child gone, the screen says the sync failed"
if screen | grep -q 'is not known yet'; then r=1; else r=0; fi
is "$r" 0 "and the question is gone"
keys Escape && wait_for '^n new'
ok $? "keys reach the screens again"
ok "$([ ! -s "$T/hosts2" ]; echo $?)" "nothing was written to known_hosts"

# -- SIGTERM while asked: the program leaves, its children with it
keys s && wait_for 'is not known yet'
ok $? "asked once more"
pid=$(tui_pid)
kids=$(pgrep -P "$pid" | tr '\n' ' ')
kill -TERM "$pid"
tui_wait_exit
ok $? "SIGTERM ends the program while the question is open"
left=0
for k in $kids; do kill -0 "$k" 2>/dev/null && left=1; done
is "$left" 0 "no child of it is left running"
ok "$([ ! -s "$T/hosts2" ]; echo $?)" "nothing was written to known_hosts"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
