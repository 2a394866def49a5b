#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Paging through the list: PgDn/PgUp, End and Home, and PgUp from the end, each page read
# by its key (the store is asked for "the rows after/before K", never an offset).
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

mkvol ana
# 50 visits on 50 distinct days: Negocio 01 is the oldest, Negocio 50 the newest.
i=1
while [ $i -le 50 ]; do
	n=$(printf '%02d' $i)
	d=$(date -u -d "2026-01-01 + $((i - 1)) days" +%Y-%m-%d)
	vol add visit business="Negocio $n" date="$d" >/dev/null || break
	i=$((i + 1))
done
is "$(vol list --count)" 50 "fifty visits to page through"
tui_start 80 24
wait_for 'Negocio 50' || exit 1
s=$(screen)
if printf '%s' "$s" | grep -q 'Negocio 01'; then r=1; else r=0; fi
ok $r "the first page starts at the newest and does not reach the oldest"

keys End && wait_for 'Negocio 01'
s=$(screen)
like "$s" 'Negocio 02' "End shows the last page, oldest at the bottom"
if printf '%s' "$s" | grep -q 'Negocio 50'; then r=1; else r=0; fi
ok $r "and not the first page"
last_line=$(screen | grep -n 'Negocio 01' | cut -d: -f1)
prev_line=$(screen | grep -n 'Negocio 02' | cut -d: -f1)
ok "$([ "$last_line" -gt "$prev_line" ]; echo $?)" "newest first on the last page too"
top_at_end=$(screen | grep -o 'Negocio [0-9][0-9]' | head -1)

keys PPage && wait_for "Negocio $(printf '%02d' $(( ${top_at_end#Negocio } + 1 )))"
s=$(screen)
if printf '%s' "$s" | grep -q "Negocio 01"; then r=1; else r=0; fi
ok $r "PgUp from the end shows the rows just above it"
like "$s" "Negocio $(printf '%02d' $(( ${top_at_end#Negocio } + 1 )))" "the row above the last page comes next, with none skipped"

keys PPage PPage PPage && wait_for 'Negocio 50'
ok $? "PgUp again reaches the top"
keys NPage && wait_for 'Negocio 3[0-1]'
ok $? "PgDn moves one page down"
keys Home && wait_for 'Negocio 50'
ok $? "Home goes back to the newest"
# The letters move as the keys do, in the list and in the help.
keys G && wait_for 'Negocio 01'
ok $? "G shows the last page, as End"
keys g && wait_for 'Negocio 50'
ok $? "g goes back to the newest, as Home"
keys Space && wait_for 'Negocio 3[0-1]'
ok $? "space moves one page down, as PgDn"
keys g && wait_for 'Negocio 50' && keys '?' && wait_for '^ Keys' || exit 1
help_top=$(screen | sed -n 4p)
line4_is_not() { [ "$(screen | sed -n 4p)" != "$1" ]; }
line4_is() { [ "$(screen | sed -n 4p)" = "$1" ]; }
keys G && wait_until line4_is_not "$help_top"
ok $? "G pages the help to its end"
keys g && wait_until line4_is "$help_top"
ok $? "g brings the help back to its top"
keys q
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
