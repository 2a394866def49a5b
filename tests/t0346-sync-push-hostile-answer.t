#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The answer to a push or a fetch comes from the server: one that answers garbage, closes
# without a word, says the pack could not be stored, fails with a message full of terminal
# escapes, confirms another branch only, floods its progress band, refuses with escapes in
# the reason, or, to a fetch, sends "ERR", a pack that is no pack, or a pack without the
# commit its branch is at, fails the sync with a clear message, never a crash or a hang,
# nothing of the escapes on the terminal, and the records stay unsynced (the receipt never
# says safe); the real server then takes them all. Each answer comes over git:// and then
# over https:// (the same server, tests/fake-receive-pack.py, as the bodies of smart-HTTP
# responses, with a certificate of a CA made here).
. "${0%/*}/lib.sh"

serve_shared_repo
make_ca "$T/ca"
make_cert "$T/ca" localhost "DNS:localhost"
mkvol ana ana --remote "$URL"
vol add visit business="Panadería Las Eras" municipality=Almazán >/dev/null
vol sync >/dev/null 2>"$T/err" || give_up "the first sync: $(cat "$T/err")"
TIP=$(git --git-dir="$R" rev-parse main)

echo garbage >"$T/mode"
start_fake_server "$T/fake.port"
start_fake_server "$T/fakes.port" "$T/ca/localhost.pem" "$T/ca/localhost.key"
FPORT=$(cat "$T/fake.port")
SPORT=$(cat "$T/fakes.port")
sed -i "s|^timeout = .*|timeout = 10|; s|^ca_file = .*|ca_file = $T/ca/ca.pem|" "$VCONF"

json() { _e=$1; shift; python3 -c "import json,sys; d=json.load(sys.stdin); print($_e)" "$@"; }
unsynced() { vol status --json | json 'd["unsynced"]'; }
safe() { vol status --json | json 'd["safe"]'; }
vol add visit business="Bar Plaza" municipality=Almazán >/dev/null
before=$(unsynced)

for remote in "git://127.0.0.1:$FPORT/shared.git" "https://localhost:$SPORT/shared.git"; do
	sed -i "s|^remote = .*|remote = $remote|" "$VCONF"
	over=${remote%%:*}
	for mode in garbage close unpack-bad fatal other-ref flood ng-escape; do
		echo "$mode" >"$T/mode"
		: >"$T/mode.commands"
		vol sync >"$T/out" 2>"$T/err"
		rc=$?
		is "$rc" 1 "$over $mode: the sync fails"
		like "$(cat "$T/err")" "." "$over $mode: with a message"
		diag "$over $mode: $(head -c 300 "$T/err")"
		if grep -q "$(printf '\033')" "$T/err" "$T/out"; then r=1; else r=0; fi
		is "$r" 0 "$over $mode: no terminal escape reaches the terminal"
		like "$(cat "$T/mode.commands")" "^[0-9a-f]{4}$TIP [0-9a-f]{40} refs/heads/main" \
			"$over $mode: the push did reach the server (one command, from the advertised tip)"
		is "$(unsynced)" "$before" "$over $mode: the records stay unsynced"
		is "$(safe)" False "$over $mode: the receipt does not say safe"
		[ "$mode" = close ] && like "$(cat "$T/err")" "closed the connection before it answered" \
			"$over close: the message says the remote closed the connection"
	done
	like "$(cat "$T/err")" "refused|closed" "$over ng: the reason is passed on, made safe"

	for mode in f-garbage f-close f-err f-band3 f-badpack f-nowant; do
		echo "$mode" >"$T/mode"
		vol sync >"$T/out" 2>"$T/err"
		is $? 1 "$over $mode: the sync fails"
		like "$(cat "$T/err")" "fetch|remote" "$over $mode: with a message that says what failed"
		diag "$over $mode: $(head -c 300 "$T/err")"
		if grep -q "$(printf '\033')" "$T/err" "$T/out"; then r=1; else r=0; fi
		is "$r" 0 "$over $mode: no terminal escape reaches the terminal"
		is "$(unsynced)" "$before" "$over $mode: the records stay unsynced"
		is "$(safe)" False "$over $mode: the receipt does not say safe"
		[ "$mode" = f-close ] && like "$(cat "$T/err")" "closed the connection before it answered" \
			"$over f-close: the message says the remote closed the connection"
		git --git-dir="$T/ana/data/repo.git" fsck --no-dangling >"$T/fsck" 2>&1
		is $? 0 "$over $mode: the laptop's repository is whole (git fsck)"
		n=0
		for p in "$T"/ana/data/repo.git/objects/pack/*.pack; do
			[ -f "${p%.pack}.idx" ] || n=$((n + 1))
			[ "$(git show-index <"${p%.pack}.idx" 2>/dev/null | wc -l)" -gt 0 ] || n=$((n + 1))
		done
		is "$n" 0 "$over $mode: no pack without its index, no empty pack"
	done
done

# -- the real server takes them
sed -i "s|^remote = .*|remote = $URL|" "$VCONF"
vol sync >"$T/out" 2>"$T/err"
is $? 0 "back on the real server: the sync works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
is "$(unsynced)" 0 "and every record is synced"
is "$(git --git-dir="$R" ls-tree -r --name-only main -- records/visit | wc -l)" 2 "both visits are on the remote"

done_testing
