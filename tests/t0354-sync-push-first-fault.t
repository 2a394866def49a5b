#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A sync that pushes first builds its commit while the network child is already connecting
# to git daemon (sync/transport.c, net_push_first). A failing disk during that build (the
# Nth write or fsync under the laptop's repo.git fails, tests/fault/fault.c) stops the child
# before it sends anything: the sync ends 0, or 1 with a message (never a crash, never the
# parent killed by a write to a child that is gone), the remote stays a valid repository
# that holds each record once, and the next sync without a fault sends what was left.
# A daemon that refuses the connection while the parent builds: exit 1, not a SIGPIPE.
. "${0%/*}/lib.sh"
. "${0%/*}/fault/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
git daemon --help >/dev/null 2>&1 || [ -x "$(git --exec-path)/git-daemon" ] ||
	skip_all "git daemon is not installed"
DAEMON_PID=
trap 'kill $DAEMON_PID 2>/dev/null; rm -rf "$T"' EXIT

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
unsynced() { vol status --json | json 'd["unsynced"]'; }
on_remote() {	# how many visits with findings NAME the remote's branch holds
	git --git-dir="$T/srv/shared.git" grep -l -F "$1" main -- records/visit/ 2>/dev/null |
		wc -l
}

mkdir -p "$T/srv"
git init -q --bare "$T/srv/shared.git"
start_git_daemon "$T/srv" --informative-errors || skip_all "cannot start git daemon"
mkvol ana ana --remote "git://127.0.0.1:$PORT/shared.git"
REPO=$T/ana/data/repo.git
vol add visit business="Tienda" municipality=Almazán >/dev/null
is "$(vol sync 2>&1)" "sent 2, received 0, conflicts 0" "a first sync, so that the next ones push first"

for call in write fsync; do
	runs=0 fired=0 failed=0 bad=""
	for n in $(fault_points "$call"); do
		name="Fault $call $n"
		vol add visit business="$name" municipality=Almazán findings="$name" >/dev/null ||
			give_up "add $name"
		fault_run "$call" "$n" "$REPO" "$VOLUNTEER" --config "$VCONF" sync
		runs=$((runs + 1))
		fault_outcome_ok || { bad="$bad [N=$n: $FAULT_WHY]"; break; }
		[ "$FAULT_RC" = 1 ] && failed=$((failed + 1)) && diag "N=$n: $(head -1 "$T/fault.err")"
		if [ "$FAULT_RC" = 0 ] && [ "$(on_remote "$name")" != 1 ]; then
			bad="$bad [N=$n: exit 0, but the record is on the remote $(on_remote "$name") times]"
			break
		fi
		git --git-dir="$T/srv/shared.git" fsck --no-dangling --no-progress >/dev/null 2>"$T/fsck" ||
			{ bad="$bad [N=$n: the remote fails fsck: $(head -2 "$T/fsck")]"; break; }
		vol sync >/dev/null 2>"$T/err" ||
			{ bad="$bad [N=$n: the next sync fails: $(cat "$T/err")]"; break; }
		[ "$(on_remote "$name")" = 1 ] ||
			{ bad="$bad [N=$n: after the next sync, on the remote $(on_remote "$name") times]"; break; }
		[ "$(unsynced)" = 0 ] || { bad="$bad [N=$n: still unsynced after the next sync]"; break; }
		[ "$FAULT_FIRED" = 1 ] || break
		fired=$((fired + 1))
	done
	is "$bad" "" "push first under $call faults in repo.git: $fired faults in $runs runs, $failed refused"
	ok "$([ "$FAULT_FIRED" = 0 ] && [ "$fired" -gt 0 ]; echo $?)" \
		"the $call sweep reached a run without a fault, after some that had one"
done

# The daemon gone: the child ends at once, while the parent still builds.
kill $DAEMON_PID
wait $DAEMON_PID 2>/dev/null
DAEMON_PID=
vol add visit business="Gone" municipality=Almazán >/dev/null
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a remote that refuses the connection: exit 1 (no SIGPIPE)"
like "$(cat "$T/err")" "cannot reach the remote" "with the message that says so"
done_testing
