#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `show`, `list` and the text `report` speak the session's style, as the screens do: dates
# 20/11/2026 (es), 2026/11/20 (eu), 2026-11-20 (en), decimals 4,5 and shares 33,3; every
# output for scripts (--json, export --csv, report --csv) keeps ISO dates and the '.'.
. "${0%/*}/lib.sh"
for l in es_ES eu_ES en_US; do
	locale -a 2>/dev/null | grep -qi "^$l\\.utf-\\?8\$" || skip_all "the $l.UTF-8 locale is not generated"
done
export VOLUNTEER_LOCALEDIR=${VOLUNTEER_LOCALEDIR:-$TOP/build/locale}

mkvol nerea
vid=$(vol add visit business='Okindegia' municipality=Tolosa date=2026-11-20 \
	follow_up=2026-12-03) || give_up "add a visit"
wid=$(vol add workshop title='Bideo-deiak' municipality=Tolosa date=2026-11-19 attendees=3 \
	attendees_65plus=1 duration_min=90 satisfaction=4.5) || give_up "add a workshop"

in_lang() { _l=$1; shift; LANG=$_l LC_ALL= LC_MESSAGES= vol "$@"; }

check() { # LOCALE DATE FOLLOW-UP DECIMAL SHARE HOURS
	l=$1
	s=$(in_lang "$l" list)
	like "$s" "^[0-9a-f-]+ +$2 +visit +Okindegia" "$l: list shows the visit's date as $2"
	if printf '%s' "$s" | grep -q '2026-11-20' && [ "$2" != 2026-11-20 ]; then r=1; else r=0; fi
	ok $r "$l: list does not show the stored 2026-11-20"
	s=$(in_lang "$l" show "$vid")
	like "$s" "^[^ ].* +$2\$" "$l: show writes the visit's date as $2"
	like "$s" "^[^ ].* +$3\$" "$l: and its follow-up as $3"
	today=$(date -u +%Y-%m-%d)
	like "$s" "^[^ ]+ +$6 " \
		"$l: the record's times in the same style"
	s=$(in_lang "$l" show "$wid")
	like "$s" "^[^ ].* +$4\$" "$l: show writes the satisfaction as $4"
	s=$(in_lang "$l" report)
	like "$s" "^Tolosa( +[0-9]+){8} +1 +$5 +0 +$7 " "$l: report writes the share of 65+ as $5"
	like "$s" " $8 +[0-9]+\$" "$l: and the hours as $8"
}
d=$(date -u +%d); m=$(date -u +%m); y=$(date -u +%Y)
check es_ES.UTF-8 20/11/2026 03/12/2026 4,5 33,3 "$d/$m/$y [0-9]{2}:[0-9]{2}" 0,0 1,50
check eu_ES.UTF-8 2026/11/20 2026/12/03 4,5 33,3 "$y/$m/$d [0-9]{2}:[0-9]{2}" 0,0 1,50
check en_US.UTF-8 2026-11-20 2026-12-03 4.5 33.3 "$y-$m-$d [0-9]{2}:[0-9]{2}" 0.0 1.50

# Scripts read the same whatever the language.
j=$(in_lang es_ES.UTF-8 show "$wid" --json)
like "$j" '"date": "2026-11-19"' "es: show --json keeps the ISO date"
like "$j" '"satisfaction": 4.5' "es: and the '.' decimal"
j=$(in_lang eu_ES.UTF-8 list --json)
like "$j" '"date": "2026-11-20"' "eu: list --json keeps the ISO date"
c=$(in_lang es_ES.UTF-8 export --csv)
like "$c" '2026-11-19' "es: export --csv keeps the ISO date"
like "$c" '4\.5' "es: and the '.' decimal"
c=$(in_lang es_ES.UTF-8 report --csv)
like "$c" '33\.3' "es: report --csv keeps the '.'"
if printf '%s' "$c" | grep -q '33,3'; then r=1; else r=0; fi
ok $r "es: report --csv has no decimal comma"
done_testing
