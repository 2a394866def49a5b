#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# One short date style per language on every screen: the list, the form's prefill of a new
# record and the form of an existing one show the same style (Spanish 20/11/2026, Basque
# 2026/11/20, English 2026-11-20); the record keeps 2026-11-20; decimals read 4,5.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
for l in es_ES eu_ES; do
	locale -a 2>/dev/null | grep -qi "^$l\\.utf-\\?8\$" || skip_all "the $l.UTF-8 locale is not generated"
done

mkvol nerea
vol add visit business='Okindegia' municipality=Tolosa date=2026-11-20 >/dev/null
vol add workshop title='Bideo-deiak' municipality=Tolosa date=2026-11-19 attendees=5 \
	satisfaction=4.5 >/dev/null

check_lang() { # LOCALE LIST-DATE TODAY-PATTERN DECIMAL
	tui_start 80 24 LANG="$1" LC_ALL= LC_MESSAGES=
	wait_for 'Okindegia' || { ok 1 "$1: the list"; return; }
	like "$(screen)" "$2 +[^ ]+ +Okindegia" "$1: the list shows $2"
	# The visit is the first row (newest date): open its form.
	keys e && wait_for '^F2 ' || { ok 1 "$1: the visit's form opens"; return; }
	s=$(screen)
	# In the form the date is a value, at the end of its label's line.
	like "$s" "[^ ]  +$2 *\$" "$1: the visit's form shows its date as the list does, $2"
	if printf '%s' "$s" | grep -q '2026-11-20' && [ "$2" != 2026-11-20 ]; then r=1; else r=0; fi
	ok $r "$1: and not in the stored form"
	keys Escape
	sleep 0.3
	keys Escape
	wait_for 'Okindegia'
	keys n && sleep 0.3 && keys v && wait_for '^F2 ' && wait_for "[^ ]  +$3 *\$"
	ok $? "$1: a new visit's date is prefilled in the same style ($3)"
	keys Escape
	sleep 0.3
	keys Escape
	sleep 0.3
	keys q && tui_wait_exit
}
today_es=$(date +%d/%m/%Y)
today_eu=$(date +%Y/%m/%d)
check_lang es_ES.UTF-8 20/11/2026 "$today_es"
check_lang eu_ES.UTF-8 2026/11/20 "$today_eu"

is "$(vol show "$(vol list --json 2>/dev/null | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["kind"]=="visit"][0])' 2>/dev/null)" --json 2>/dev/null |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["fields"]["date"])' 2>/dev/null)" \
	2026-11-20 "the visit still keeps 2026-11-20"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
