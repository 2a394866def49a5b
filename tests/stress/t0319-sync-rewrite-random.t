#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Rounds of random history rewrites against three laptops over git daemon (tests/t0319 in
# the long): each round some laptops add and edit records and sync, then the remote is
# put back to a random older commit, restored from a random backup, has its branch
# deleted, or is left alone. After every step no laptop may say safe while the remote
# lacks one of its records; at the end, after two passes, every acknowledged record is
# once on the remote and on every laptop, at the same revision everywhere.
. "${0%/*}/../lib.sh"

ROUNDS=${ROUNDS:-25}
serve_shared_repo
mkdir -p "$T/backups"
rnd() { echo $(( $(od -An -N2 -tu2 /dev/urandom) % $1 )); }

LAPTOPS="ana bea carla"
for v in $LAPTOPS; do mkvol "$v" "$v" --remote "$URL"; done
use() { VCONF="$T/$1/volunteer.ini"; }
: >"$T/acked"
LIARS=0
check() {
	for v in $LAPTOPS; do
		use "$v"
		safe_is_true "$R" >/dev/null 2>&1 || { LIARS=$((LIARS + 1)); diag "$1: $v lied"; }
	done
}

r=0
while [ $r -lt "$ROUNDS" ]; do
	for v in $LAPTOPS; do
		use "$v"
		case $(rnd 4) in
		0|1) vol add workshop title="R$r $v" municipality=Almazán attendees=$(rnd 50) \
			>>"$T/acked" 2>/dev/null ;;
		2) id=$(shuf -n 1 "$T/acked" 2>/dev/null)
		   [ -n "$id" ] && vol edit "$id" attendees=$(rnd 50) >/dev/null 2>&1 ;;
		esac
		[ $(rnd 3) -ne 0 ] && vol sync >/dev/null 2>&1
		check "round $r, $v"
	done
	n=$(git --git-dir="$R" rev-list --count main 2>/dev/null || echo 0)
	case $(rnd 5) in
	0) [ "$n" -gt 1 ] && git --git-dir="$R" update-ref refs/heads/main \
		"$(git --git-dir="$R" rev-parse "main~$(( $(rnd "$n") % (n - 1) + 1 ))")" ;;
	1) b=$(ls "$T/backups" | shuf -n 1)
	   [ -n "$b" ] && rm -rf "$R" && cp -a "$T/backups/$b" "$R" ;;
	2) git --git-dir="$R" update-ref -d refs/heads/main 2>/dev/null ;;
	*) cp -a "$R" "$T/backups/round-$r" ;;
	esac
	check "round $r, after the remote moved"
	r=$((r + 1))
done
for pass in 1 2; do
	for v in $LAPTOPS; do use "$v"; vol sync >/dev/null 2>&1; done
done
for v in $LAPTOPS; do use "$v"; vol sync >/dev/null 2>&1; done

is "$LIARS" 0 "in $ROUNDS rounds no laptop said safe while the remote lacked its records"
missing=$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | sed 's|.*/||; s|\.json$||' |
	sort | comm -13 - "$(sort -u "$T/acked" >"$T/acked.s"; echo "$T/acked.s")" | wc -l)
is "$missing" 0 "every acknowledged record is on the remote ($(sort -u "$T/acked" | wc -l))"
record_ids_once "$R"
ok $? "each once"
for v in $LAPTOPS; do
	use "$v"
	vol list --all --json | python3 -c 'import json,sys; print("\n".join(sorted("%s %d" % (r["id"], r["rev"]) for r in json.load(sys.stdin))))' >"$T/$v.state"
	is "$(remote_lacks "$R" 2>/dev/null)" 0 "$v: the remote holds all its records at their revision"
done
cmp -s "$T/ana.state" "$T/bea.state" && cmp -s "$T/bea.state" "$T/carla.state"
ok $? "the three laptops agree on every record and revision"
done_testing
