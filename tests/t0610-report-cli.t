#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# `volunteer report`: the figures of two volunteers who share one database (as after a
# sync), as an aligned table and as CSV, with the filters; everyone's records by default,
# deleted records never; bad options refused naming the option.
. "${0%/*}/lib.sh"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
mkvol ben ben --data-dir "$T/shared"
BEN=$VCONF
mkvol ana ana --data-dir "$T/shared"
ANA=$VCONF

VCONF=$ANA
vol add visit business="Panadería Las Eras" municipality=Almazán date=2026-10-05 \
	duration_min=60 follow_up=2026-10-20 >/dev/null
vol add workshop title="Videollamadas" municipality=Almazán date=2026-11-10 attendees=20 \
	attendees_65plus=15 women=12 duration_min=120 >/dev/null
VCONF=$BEN
vol add task business="Bar Plaza" title=Web municipality="Berlanga de Duero" \
	date=2026-11-03 status=done hours=2.5 >/dev/null
vol add visit business=" bar  PLAZA" municipality="Berlanga de Duero" date=2026-11-04 \
	duration_min=45 >/dev/null
gone=$(vol add visit business="Ghost" municipality="Berlanga de Duero" date=2026-11-05 \
	duration_min=600 follow_up=2026-11-06)
vol delete "$gone"
ok $? "a visit to delete"

VCONF=$COORD
header="volunteer,visits,businesses,tasks_done,tasks_open,workshops,attendees,attendees_65plus,attendees_65plus_pct,women,women_pct,hours,follow_ups_due,businesses_visited,businesses_web"
want=$(printf '%s\r\n' "$header" \
	"ana,1,1,0,0,1,20,15,75.0,12,60.0,3.00,1,1,0" \
	"ben,1,1,1,0,0,0,0,,0,,3.25,0,1,1" \
	"total,2,2,1,0,1,20,15,75.0,12,60.0,6.25,1,2,1")
got=$(vol report --by volunteer --csv --to 2026-11-30)
ok $? "report --by volunteer --csv"
is "$got" "$want" "per volunteer: every figure, the total, CRLF line ends"

want=$(printf '%s\r\n' "month,visits,businesses,tasks_done,tasks_open,workshops,attendees,attendees_65plus,attendees_65plus_pct,women,women_pct,hours,follow_ups_due,businesses_visited,businesses_web" \
	"2026-10,1,1,0,0,0,0,0,,0,,1.00,1,1,0" \
	"2026-11,1,1,1,0,1,20,15,75.0,12,60.0,5.25,0,1,1" \
	"total,2,2,1,0,1,20,15,75.0,12,60.0,6.25,1,2,1")
is "$(vol report --by month --csv --to 2026-11-30)" "$want" "per month"

is "$(vol report --csv --from 2026-11-01 --to 2026-11-30 | tail -n 1)" \
	"$(printf 'total,1,1,1,0,1,20,15,75.0,12,60.0,5.25,0,1,1\r')" "--from narrows the records"
is "$(vol report --csv --volunteer ben | tail -n 1)" \
	"$(printf 'total,1,1,1,0,0,0,0,,0,,3.25,0,1,1\r')" "--volunteer narrows to one author"
is "$(vol report --csv --kind workshop --municipality almazán | tail -n 1)" \
	"$(printf 'total,0,0,0,0,1,20,15,75.0,12,60.0,2.00,0,0,0\r')" "--kind and --municipality"
is "$(vol report --csv --deleted --to 2026-11-30 | tail -n 1)" \
	"$(printf 'total,2,2,1,0,1,20,15,75.0,12,60.0,6.25,1,2,1\r')" "deleted records never count"

VCONF=$ANA
is "$(vol report --csv --to 2026-11-30 | tail -n 1)" \
	"$(printf 'total,2,2,1,0,1,20,15,75.0,12,60.0,6.25,1,2,1\r')" \
	"a volunteer's report covers everyone by default"

# The table: the default grouping is by municipality; every line of it as wide as the
# header; the total row last; the follow-up day said.
VCONF=$COORD
vol report --to 2026-11-30 >"$T/table"
ok $? "report as a table"
like "$(head -n 1 "$T/table")" "^Municipality +Visits +Businesses +Visited +With web work +Tasks done +Tasks open" \
	"the header names the columns"
like "$(grep '^Almazán' "$T/table")" "^Almazán +1 +1 +1 +0 +0 +0 +1 +20 +15 +75\.0 +12 +60\.0 +3\.00 +1$" \
	"Almazán's row"
like "$(grep '^Berlanga' "$T/table")" "^Berlanga de Duero +1 +1 +1 +1 +1 +0 +0 +0 +0 +- +0 +- +3\.25 +0$" \
	"Berlanga's row, no share without attendees"
like "$(sed -n '5p' "$T/table")" "^Total +2 +2 +2 +1 +1 +0 +1 +20 +15 +75\.0 +12 +60\.0 +6\.25 +1$" \
	"the total row comes last"
like "$(tail -n 1 "$T/table")" "Follow-ups due by 2026-11-30" "the follow-up day is said"
is "$(head -n 5 "$T/table" | python3 -c 'import sys; print(len({len(l.rstrip("\n")) for l in sys.stdin}))')" \
	1 "every line of the table is as wide as the header"
ok "$(! grep -q Ghost "$T/table"; echo $?)" "nothing of the deleted visit"

# Bad usage: exit 2, the option named.
vol report --by town >/dev/null 2>"$T/err"
is $? 2 "--by town: exit 2"
like "$(cat "$T/err")" "--by" "the message names --by"
vol report --from 2026-12-01 --to 2026-11-01 >/dev/null 2>"$T/err"
is $? 2 "--to before --from: exit 2"
vol report --csv extra >/dev/null 2>"$T/err"
is $? 2 "an extra argument: exit 2"

done_testing
