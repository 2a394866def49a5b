#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Sync over the git protocol, against a real `git daemon` on 127.0.0.1: the union on both
# sides; a server hook that declines the push leaves the records unsynced (libgit2 says
# "done" then: only the status of our ref tells); a daemon that is gone, and one that never
# answers, give exit 1 within the timeout with nothing lost.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
git daemon --help >/dev/null 2>&1 || [ -x "$(git --exec-path)/git-daemon" ] ||
	skip_all "git daemon is not installed"

DAEMON_PID=
SLOW_PID=
trap 'kill $DAEMON_PID $SLOW_PID 2>/dev/null; rm -rf "$T"' EXIT

start_daemon() { start_git_daemon "$1" --informative-errors; }

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
unsynced() { vol status --json | json 'd["unsynced"]'; }
files() { git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ 2>/dev/null; }

mkdir -p "$T/srv"
git init -q --bare "$T/srv/shared.git"
start_daemon "$T/srv" || skip_all "cannot start git daemon"
URL="git://127.0.0.1:$PORT/shared.git"

mkvol ana ana --remote "$URL"
ANA=$VCONF
mkvol bea bea --remote "$URL"
BEA=$VCONF

VCONF=$ANA
for i in 1 2 3; do vol add visit business="Tienda $i" municipality=Almazán >/dev/null; done
VCONF=$BEA
for i in 1 2; do vol add task business="Bar $i" title="Web" municipality=Berlanga >/dev/null; done

VCONF=$ANA
# Each record is for a business of its own: the business travels with it.
is "$(vol sync 2>&1)" "sent 6, received 0, conflicts 0" "ana sends over git://"
VCONF=$BEA
is "$(vol sync 2>&1)" "sent 4, received 6, conflicts 0" "bea sends and receives over git://"
VCONF=$ANA
is "$(vol sync 2>&1)" "sent 0, received 4, conflicts 0" "ana receives bea's"
is "$(vol list --all | wc -l)" 5 "ana holds the union"
VCONF=$BEA
is "$(vol list --all | wc -l)" 5 "bea holds the union"
is "$(files | wc -l)" 10 "the repository holds one file per record"
is "$(vol status --json | json 'd["remote"], d["safe"]')" "$URL True" "status: safe, with the URL"

# -- a server hook declines the push: the records stay unsynced
cat >"$T/srv/shared.git/hooks/pre-receive" <<'EOF'
#!/bin/sh
echo "closed for the audit" >&2
exit 1
EOF
chmod +x "$T/srv/shared.git/hooks/pre-receive"
vol add visit business="Rechazada" municipality=Berlanga >/dev/null
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a declined push: exit 1"
like "$(cat "$T/err")" "refused|declined" "the message says the remote refused"
like "$(cat "$T/err")" "closed for the audit" "and passes on what the server said"
is "$(unsynced)" 2 "the record (and its business) stays unsynced"
is "$(files | wc -l)" 10 "and is not in the repository"
is "$(vol status --json | json 'd["safe"]')" "False" "status: not safe"
rm "$T/srv/shared.git/hooks/pre-receive"
is "$(vol sync 2>&1)" "sent 2, received 0, conflicts 0" "once the hook is gone it is sent"
is "$(unsynced)" 0 "and clean"

# -- the daemon is gone
kill $DAEMON_PID
wait $DAEMON_PID 2>/dev/null
DAEMON_PID=
vol add visit business="Sin red" municipality=Berlanga >/dev/null
vol sync >"$T/out" 2>"$T/err"
is $? 1 "daemon gone: exit 1"
like "$(cat "$T/err")" "cannot reach the remote $URL" "the message names the remote"
is "$(unsynced)" 2 "the unsynced count is unchanged"

# -- a server that accepts the connection and never answers: stopped at the timeout
python3 - "$T/slow.port" <<'EOF' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
conns = []
while True:
    c, _ = s.accept()
    conns.append(c)
EOF
SLOW_PID=$!
n=0
while [ ! -s "$T/slow.port" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
sed -i 's/^timeout = .*/timeout = 2/' "$VCONF"
start=$(date +%s)
vol sync --remote "git://127.0.0.1:$(cat "$T/slow.port")/shared.git" >"$T/out" 2>"$T/err"
st=$?
took=$(( $(date +%s) - start ))
is "$st" 1 "a silent server: exit 1"
like "$(cat "$T/err")" "did not answer within 2 seconds" "the message says why"
ok "$([ "$took" -le 6 ]; echo $?)" "stopped at the deadline (took ${took}s)"
is "$(unsynced)" 2 "nothing lost"

done_testing
