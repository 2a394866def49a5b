#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Ten volunteers add records and sync in a loop, all at the same time, against one git
# daemon (REMOTE_KIND=path: a shared folder): pushes collide and are redone on the new tip;
# at the end every record is in the repository exactly once and on every laptop, and no
# sync failed. (tests/stress/ runs it longer.)
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"

CLIENTS=${CLIENTS:-10}
ROUNDS=${ROUNDS:-3}
if [ -n "${VOLUNTEER_SANITIZED:-}" ] && [ -z "${STRESS:-}" ]; then
	CLIENTS=6
	ROUNDS=2
fi

DAEMON_PID=
trap 'kill $DAEMON_PID 2>/dev/null; rm -rf "$T"' EXIT
start_daemon() { start_git_daemon "$1" --max-connections=64; }

mkdir -p "$T/srv"
git init -q --bare "$T/srv/shared.git"
if [ "${REMOTE_KIND:-daemon}" = path ]; then
	URL="$T/srv/shared.git"
else
	start_daemon "$T/srv" || skip_all "cannot start git daemon"
	URL="git://127.0.0.1:$PORT/shared.git"
fi

i=1
while [ $i -le "$CLIENTS" ]; do
	mkvol "v$i" "v$i" --remote "$URL"
	i=$((i + 1))
done

# client N: ROUNDS times add a record and sync; every exit status is kept. Between rounds
# a pause of up to 0.3 s, as people have: pushes still collide all the time, but a laptop
# that lost a race is not shut out for good by nine others that never pause.
client() {
	VCONF="$T/v$1/volunteer.ini"
	_r=1
	while [ $_r -le "$ROUNDS" ]; do
		[ $_r -gt 1 ] && sleep "$(printf '0.%03d' $(( $(od -An -N2 -tu2 /dev/urandom) % 300 )))"
		vol add visit business="Tienda $1-$_r" municipality=Almazán >>"$T/v$1/ids" ||
			echo "add $1-$_r failed" >>"$T/errors"
		vol sync --json >>"$T/v$1/out" 2>>"$T/v$1/err" ||
			echo "sync $1-$_r exit $?: $(tail -1 "$T/v$1/err")" >>"$T/errors"
		_r=$((_r + 1))
	done
}

pids=
i=1
while [ $i -le "$CLIENTS" ]; do
	client $i &
	pids="$pids $!"
	i=$((i + 1))
done
wait $pids
touch "$T/errors"
is "$(cat "$T/errors")" "" "no sync failed while $CLIENTS volunteers synced $ROUNDS times at once"

total=$((CLIENTS * ROUNDS))
# One more round, one after the other, so that everyone has seen everything.
i=1
while [ $i -le "$CLIENTS" ]; do
	VCONF="$T/v$i/volunteer.ini"
	vol sync >/dev/null 2>>"$T/final.err" || echo "final sync v$i failed" >>"$T/final.err"
	i=$((i + 1))
done
touch "$T/final.err"
is "$(cat "$T/final.err")" "" "the last round of syncs succeeded"

# Every record is for a business of its own: as many businesses, apart.
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/business/ | wc -l)" "$total" \
	"and as many businesses, one each"
git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/visit/ records/task/ >"$T/files"
is "$(wc -l <"$T/files")" "$total" "the repository holds $total record files"
is "$(sed 's|.*/||' "$T/files" | sort -u | wc -l)" "$total" "each record exactly once"
cat "$T"/v*/ids | sort >"$T/all-ids"
is "$(sed 's|.*/||; s|\.json$||' "$T/files" | sort | tr '\n' ' ')" \
	"$(tr '\n' ' ' <"$T/all-ids")" "the files are the records that were added"
bad=0
i=1
while [ $i -le "$CLIENTS" ]; do
	VCONF="$T/v$i/volunteer.ini"
	vol list --all --json | python3 -c 'import json,sys; print("\n".join(sorted(r["id"] for r in json.load(sys.stdin))))' >"$T/v$i/has"
	cmp -s "$T/v$i/has" "$T/all-ids" || { bad=$((bad + 1)); diag "v$i differs"; }
	[ "$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])')" = 0 ] ||
		{ bad=$((bad + 1)); diag "v$i has unsynced records"; }
	i=$((i + 1))
done
is "$bad" 0 "every laptop holds every record, each once, and nothing unsynced"
git --git-dir="$T/srv/shared.git" fsck --strict >/dev/null 2>&1
ok $? "git fsck of the repository is clean"
diag "$(cat "$T"/v*/out | grep -c '"sent"') syncs, $(cat "$T"/v*/out | sed -n 's/.*"retries": \([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }') pushes redone (at most $(cat "$T"/v*/out | sed -n 's/.*"retries": \([0-9]*\).*/\1/p' | sort -n | tail -1) in one sync), $(git --git-dir="$T/srv/shared.git" rev-list --count main) commits"

done_testing
