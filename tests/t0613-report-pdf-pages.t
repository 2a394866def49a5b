#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The programme PDF of a large programme: 40 municipalities over 30 months. The charts that
# do not fit a page go on over the next ones ("(continued)"), every bar still drawn; the
# months beyond two years make a second block of columns; a page per municipality; the
# table over two landscape pages with its head on each, the total once at its end; every
# page numbered.
. "${0%/*}/lib.sh"

command -v pdftotext >/dev/null || skip_all "pdftotext is not installed (poppler-utils)"
command -v python3 >/dev/null || skip_all "python3 is not installed"
BARS="$TOP/tests/pdf-bars.py"
export VOLUNTEER_LOCALEDIR="${VOLUNTEER_LOCALEDIR:-$TOP/build/locale}"

mkvol coord coord --role coordinator
# Municipality i (1..40) has a workshop of i attendees, i // 2 of them aged 65+ and
# i // 3 women, in month i mod 30 from January 2025 (30 months: 2025-01 .. 2027-06).
i=1
while [ $i -le 40 ]; do
	m=$(( (i - 1) % 30 ))
	date=$(printf '%04d-%02d-15' $(( 2025 + m / 12 )) $(( m % 12 + 1 )))
	vol add workshop title="Taller $i" municipality="Pueblo $(printf %02d $i)" date="$date" \
		attendees=$i attendees_65plus=$(( i / 2 )) women=$(( i / 3 )) duration_min=60 \
		>/dev/null || break
	i=$((i + 1))
done
is $i 41 "40 workshops in 40 municipalities"

vol report --format pdf --lang en -o "$T/big.pdf" >/dev/null
ok $? "the report"
pages=$(pdfinfo "$T/big.pdf" | sed -n 's/^Pages: *//p')
# Each page's text starts with a form feed: away, so that ^ finds a page's first line.
pdftotext -layout "$T/big.pdf" - | tr -d '\f' >"$T/big.txt"
is "$(grep -c 'Page [0-9]* of '"$pages"'$' "$T/big.txt")" "$pages" "every page numbered, of $pages"
is "$(grep -c '^ *Pueblo [0-9][0-9]$' "$T/big.txt")" 40 "a page per municipality, titled by it"
grep -q '^ *Attendance by age group (continued)' "$T/big.txt"
ok $? "the age chart goes on over the next page"
grep -q '^ *Attendance by gender (continued)' "$T/big.txt"
ok $? "and the gender chart"
is "$(grep -c '^ *Workshops per month' "$T/big.txt")" 2 \
	"30 months: the workshops per month in two blocks (24 columns and 6)"
is "$(grep -c '^ *Every figure by municipality' "$T/big.txt")" 1 "the table's title once"
is "$(grep -c '^ *Municipality  *Visits  *Businesses' "$T/big.txt")" 2 \
	"its head on each of its two pages"
like "$(grep '^ *Total ' "$T/big.txt")" "Total +0 +0 +0 +0 +0 +0 +40 +820 +400 +48\.8 +260 +31\.7 +40\.00 +0$" \
	"the total: 40 workshops, 1 + ... + 40 = 820 attendees, 400 aged 65+, 260 women, 40 h"
# The bars: per month 30 columns of workshops and 30 of attendances (each month has one
# or two workshops); by age, under 65 (i - i // 2) for all 40 and 65+ (i // 2) for i >= 2,
# 39; by gender, women (i // 3) for i >= 3, 38, no men, not stated (i - i // 3) for all
# 40; no business, task or satisfaction: nothing; each municipality's small chart: its
# workshop and its attendances.
want=$(( 30 + 30 + 40 + 39 + 38 + 40 + 40 * 2 ))
is "$(python3 "$BARS" "$T/big.pdf" | awk '{ n += $1 } END { print n }')" "$want" \
	"every non-zero bar drawn: $want"
done_testing
