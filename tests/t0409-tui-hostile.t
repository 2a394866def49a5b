#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Text from records is untrusted: a bidi override, a carriage return, a backspace and an
# escape sequence in a field reach neither the list nor the detail; the rows stay in place.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

mkvol ana
vol add visit business=XBUSINESSX municipality=XMUNIX date=2026-11-20 findings=XFINDX >/dev/null
vol add visit business='Bar Plaza' date=2026-11-19 >/dev/null
# The way such text arrives is another laptop's record; here it is put in the store
# directly, as a file that slipped past every other check would be, with the row's
# columns as the writer fills them from the file (the list reads those).
db="$T/ana/data/volunteer.db"
sqlite3 "$db" "UPDATE record SET
  body = replace(replace(replace(body, 'XBUSINESSX', 'Ab\u202eCD\rEF\bGH'),
    'XMUNIX', 'Ol\u001b[2Jvega'), 'XFINDX', 'line1\u001b]0;pwned\u0007\nline2');
  UPDATE record SET label = json_extract(body, '\$.fields.business'),
    municipality = json_extract(body, '\$.fields.municipality') WHERE kind = 'visit'" ||
	exit 1
tui_start 80 24
wait_for 'Bar Plaza' || exit 1
s=$(screen)
like "$s" ' 2026-11-20  Visit +AbCDEFGH +Ol\[2Jvega' "the list shows the text without its control characters"
like "$(printf '%s\n' "$s" | sed -n 5p)" '^ 2026-11-19  Visit +Bar Plaza +Almazán' "the next row is in its place"
if printf '%s' "$s" | grep -q "$(printf '\342\200\256')"; then r=1; else r=0; fi
ok $r "no right-to-left override reaches the terminal"
like "$(printf '%s\n' "$s" | sed -n 1p)" '^ Rural Digital' "the status bar was not cleared by an escape sequence"

keys Enter && wait_for 'Findings'
s=$(screen)
like "$s" 'Business +AbCDEFGH' "the detail shows the business cleaned"
like "$s" 'Findings +line1\]0;pwned' "the long text loses its escape and bell"
like "$s" '^ +line2' "and keeps its line break"
keys Escape && wait_for '^n new'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
