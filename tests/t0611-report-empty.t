#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A report with no rows (a range after every record, a database with none) is a report
# of zeros, not undefined behaviour: the sort of its groups is never handed a NULL array
# (UBSan's nonnull check stops `make check-asan` on it).
. "${0%/*}/lib.sh"

mkvol ana ana
vol report >"$T/out" 2>"$T/err"
is "$?" 0 "a report of an empty database"
vol add visit business="Bar Plaza" municipality=Almazán date=2026-11-04 duration_min=45 \
	>/dev/null || give_up "a visit"
for by in municipality volunteer month; do
	vol report --by "$by" --from 2030-01-01 >"$T/out" 2>"$T/err"
	st=$?
	is "$st" 0 "report --by $by --from 2030-01-01: no rows, exit 0"
	if grep -q "runtime error" "$T/err"; then r=1; diag "$(cat "$T/err")"; else r=0; fi
	is "$r" 0 "  and no undefined behaviour"
	vol report --by "$by" --from 2030-01-01 --csv >"$T/csv" 2>"$T/err"
	is "$?" 0 "  as CSV too"
	like "$(head -1 "$T/csv")" "^$by," "  which still has its header"
done
done_testing
