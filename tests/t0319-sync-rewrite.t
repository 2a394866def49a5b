#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The shared repository's history does not only grow. A force-push of an older commit, the
# server's repository replaced by last week's copy, the branch deleted and then recreated
# by a plain git user with an unrelated commit, and another repository put at the same
# path: each takes records away from the remote. Two laptops, served by git daemon on
# loopback, add records before and after the rewrite. After two sync passes every record
# either of them acknowledged is exactly once on the remote and on each laptop, the sync
# said what happened, and at no step did `status` call a laptop safe while the remote
# lacked one of its records.
. "${0%/*}/lib.sh"

serve_shared_repo

LIARS=0
# check STEP: after a step, neither laptop's receipt may lie.
check() {
	for _v in ana bea; do
		eval "VCONF=\$$(echo "$_v" | tr a-z A-Z)"
		if ! safe_is_true "$R" >/dev/null; then
			LIARS=$((LIARS + 1))
			diag "$1: $_v says safe but the remote lacks its records"
		fi
	done
}

ACKED="$T/acked"
: >"$ACKED"
# add LAPTOP TITLE: a record acknowledged by the program (its id printed, exit 0).
add() {
	eval "VCONF=\$$(echo "$1" | tr a-z A-Z)"
	_id=$(vol add workshop title="$2" municipality=Almazán attendees=5) || return 1
	echo "$_id" >>"$ACKED"
	check "after $1 added $2"
}
sync_as() {
	eval "VCONF=\$$(echo "$1" | tr a-z A-Z)"
	vol sync >"$T/out" 2>"$T/err"
	_rc=$?
	check "after $1 synced"
	return $_rc
}

# everything_once NAME: every acknowledged id once on the remote and on both laptops.
everything_once() {
	_name=$1
	_n=$(wc -l <"$ACKED")
	_on_remote=$(git --git-dir="$R" ls-tree -r --name-only main -- records/ | sed 's|.*/||; s|\.json$||' | sort)
	_missing=$(sort "$ACKED" | comm -23 - "$(printf '%s\n' "$_on_remote" >"$T/onr"; echo "$T/onr")" | wc -l)
	is "$_missing" 0 "$_name: all $_n acknowledged records are on the remote"
	record_ids_once "$R"
	ok $? "$_name: each record is in one file on the remote"
	for _v in ana bea; do
		eval "VCONF=\$$(echo "$_v" | tr a-z A-Z)"
		vol list --all --json | python3 -c '
import json, sys
ids = [r["id"] for r in json.load(sys.stdin)]
acked = open(sys.argv[1]).read().split()
sys.exit(0 if len(ids) == len(set(ids)) and set(acked) <= set(ids) else 1)' "$ACKED"
		ok $? "$_name: $_v holds every acknowledged record, each once"
		is "$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["safe"])')" \
			True "$_name: $_v is safe after two passes"
	done
}

mkvol ana ana --remote "$URL"
ANA=$VCONF
mkvol bea bea --remote "$URL"
BEA=$VCONF

# ---- 1. a force-push of an older commit
add ana "Móvil básico"
add bea "Videollamadas"
sync_as ana; sync_as bea; sync_as ana
git clone -q --bare "$URL" "$T/admin.git"
old=$(git --git-dir="$T/admin.git" rev-parse main)
add ana "Banca en línea"
add bea "Cita médica"
sync_as ana; sync_as bea
git --git-dir="$T/admin.git" push -q --force "$URL" "$old:refs/heads/main" 2>/dev/null
ok $? "force-push: an administrator pushes an older commit"
check "after the force-push"
is "$(remote_lacks "$R" 2>/dev/null)" 2 "force-push: the remote lost two of ana's records"
add ana "Después del forzado"
sync_as ana
ok $? "force-push: ana's sync succeeds"
like "$(cat "$T/err")" "no longer holds commit [0-9a-f]{12}" "force-push: ana's sync says the history was rewritten"
like "$(cat "$T/out")" "^sent [1-9]" "force-push: ana sends again what the remote lost"
sync_as bea
like "$(cat "$T/err")" "no longer holds commit" "force-push: so does bea's"
sync_as ana; sync_as bea
everything_once "force-push"

# ---- 2. the server's repository replaced by an older copy (a restore from a backup)
rm -rf "$T/backup.git"
cp -a "$R" "$T/backup.git"
add ana "Administración electrónica"
add bea "Billetes de tren"
sync_as bea; sync_as ana; sync_as bea
rm -rf "$R" && cp -a "$T/backup.git" "$R"
ok $? "restore: the server's repository is last week's copy again"
check "after the restore"
add bea "Después de restaurar"
sync_as ana
like "$(cat "$T/err")" "no longer holds commit" "restore: ana's sync notices"
sync_as bea
sync_as ana; sync_as bea
everything_once "restore"

# ---- 3. the branch deleted, then recreated by a plain git user with an unrelated commit
git --git-dir="$T/admin.git" push -q "$URL" :refs/heads/main 2>/dev/null
ok $? "branch gone: the administrator deletes main"
check "after the deletion"
add ana "Seguridad en internet"
sync_as ana
ok $? "branch gone: ana's sync succeeds"
like "$(cat "$T/err")" "branch was gone" "branch gone: ana's sync says so"
like "$(cat "$T/out")" "^sent [1-9]" "branch gone: and it is not 'sent 0'"
is "$(git --git-dir="$R" rev-parse -q --verify main >/dev/null; echo $?)" 0 \
	"branch gone: main exists again"
git --git-dir="$T/admin.git" push -q "$URL" :refs/heads/main 2>/dev/null
rm -rf "$T/plain"
git init -q "$T/plain"
echo "Registro del programa" >"$T/plain/README"
git -C "$T/plain" add README && git -C "$T/plain" commit -q -m "Start again"
git -C "$T/plain" push -q "$URL" HEAD:refs/heads/main 2>/dev/null
ok $? "branch gone: a plain git user recreates main with an unrelated commit"
check "after the unrelated commit"
add bea "Redes sociales"
sync_as bea
like "$(cat "$T/err")" "no longer holds commit" "branch recreated: bea's sync notices"
sync_as ana
sync_as bea; sync_as ana
everything_once "branch recreated"
is "$(git --git-dir="$R" show main:README 2>/dev/null)" "Registro del programa" \
	"branch recreated: the plain git user's file stays"

# ---- 4. another repository at the same path
mkvol carla carla --remote "$T/other.git"
git init -q --bare "$T/other.git"
carla_id=$(vol add workshop title="Taller de Carla" municipality=Berlanga attendees=7)
echo "$carla_id" >>"$ACKED"
vol sync >/dev/null 2>&1
rm -rf "$R" && cp -a "$T/other.git" "$R"
ok $? "another repository: shared.git is now someone else's"
check "after the swap"
add ana "Tienda en línea"
sync_as ana
like "$(cat "$T/err")" "no longer holds commit" "another repository: ana's sync notices"
sync_as bea
sync_as ana; sync_as bea
everything_once "another repository"

is "$LIARS" 0 "at no step did a laptop say safe while the remote lacked its records"
done_testing
