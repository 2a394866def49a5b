#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The figures screen's charts at 80x24: F then c shows the programme report's eight charts
# one at a time ("1/8") with the numbers and labels of records whose figures are known
# here; ↓ ↑ PgDn Home End ← → page through them; bars start at zero (half the value, half
# the bar); nothing reaches the last column and every bar row ends in its number, at
# 80x24 and after a live resize to 50x14; NO_COLOR gives no colour escape (and the same
# check sees colour without it); a hostile municipality injects nothing; a filter that
# matches nothing says so on every chart; c gives the table back. Then every chart fits
# in Spanish and in Basque.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
command -v perl >/dev/null 2>&1 || skip_all "perl is not installed"

mkvol ana
# October: one workshop of 6 in Almazán. November: Almazán 12 (8 of 65+, 7 women, 5 men),
# Berlanga 9 (all 65+, all women), and 4 in a municipality whose name is hostile (1 of
# 65+, 2 women, 2 men). Satisfaction 4.2 and 3. Three businesses (food, retail, none),
# topics website twice and social media once; tasks: one done, one in progress.
vol add workshop title='Videollamadas' municipality=Almazán attendees=12 attendees_65plus=8 \
	women=7 men=5 satisfaction=4.2 date=2026-11-10 >/dev/null &&
vol add workshop title='Banca online' municipality=Almazán attendees=6 attendees_65plus=2 \
	women=3 men=2 satisfaction=3 date=2026-10-05 >/dev/null &&
vol add workshop title='Cita médica' municipality=Berlanga attendees=9 attendees_65plus=9 \
	women=9 men=0 date=2026-11-12 >/dev/null &&
vol add workshop title='Hostil' municipality=XMUNIX attendees=4 attendees_65plus=1 \
	women=2 men=2 date=2026-11-11 >/dev/null &&
vol add visit business='Panadería Las Eras' municipality=Almazán sector=food_drink \
	topics=website,social_media date=2026-11-20 >/dev/null &&
vol add visit business='Ferretería Gómez' municipality=Berlanga sector=retail \
	topics=website date=2026-11-18 >/dev/null &&
vol add task business='Bar Plaza' title='Web nueva' municipality=Berlanga status=done \
	date=2026-11-15 >/dev/null &&
vol add task business='Bar Plaza' title='Perfil' municipality=Berlanga status=in_progress \
	date=2026-11-16 >/dev/null || give_up "the records can be added"
# Such a name arrives in another laptop's file; here it is put in the store directly.
db="$T/ana/data/volunteer.db"
sqlite3 "$db" "UPDATE record SET
  body = replace(body, 'XMUNIX', 'Ol\\u001b[2Jvega\\u202e'),
  municipality = 'Ol' || char(27) || '[2Jvega' || char(8238) WHERE municipality = 'XMUNIX'" ||
	give_up "the hostile name is put in the store"

row() { screen | sed -n "${1}p" | sed 's/ *$//'; }
has() { screen | grep -Eq -- "$1"; }
# fits WHERE h|v [WIDTH HEIGHT]: the chart's rows (2, and 4 to HEIGHT-2) leave the last
# column blank; with h, every row with a bar is a label, the bar and its number, or a
# legend; with v, the zero line is there. Prints the bad rows.
fits() {
	_bad=$(screen | K=$2 W=${3:-80} H=${4:-24} perl -CSD -Mutf8 -ne '
		chomp; s/\s+$//;
		next unless $. == 2 || ($. >= 4 && $. <= $ENV{H} - 2);
		if (length($_) > $ENV{W} - 1) { print "$.: reaches the last column: $_\n"; next }
		next unless $. >= 4;
		$axis = 1 if /^ ─+$/;
		next unless $ENV{K} eq "h" && /[█▓░▫▏▎▍▌▋▊▉]/;
		print "$.: a bar without its number: $_\n"
			unless /^ \S.*? [█▓░▫▏▎▍▌▋▊▉]+ [0-9][0-9+ =.,]*$/ || /^ [█▓░▫]{2} \S/;
		END { print "no zero line\n" if $ENV{K} eq "v" && !$axis }')
	_tap_n=$((_tap_n + 1))
	if [ -z "$_bad" ]; then echo "ok $_tap_n - $1: fits ${3:-80}x${4:-24}, nothing cut"
	else
		echo "not ok $_tap_n - $1: fits ${3:-80}x${4:-24}, nothing cut"
		_tap_failed=$((_tap_failed + 1))
		printf '%s\n' "$_bad" | sed 's/^/# /'
		screen | sed 's/^/#   /'
	fi
}
# bar_len ROW: the cells of the bar on that row (eighths count as one).
bar_len() { row "$1" | perl -CSD -Mutf8 -ne 'print length(join "", /[█▓░▫▏▎▍▌▋▊▉]/g)'; }
# colours: the colour parameters of the SGR sequences on the screen (39 and 49, the
# default colours, are none).
colours() {
	$TM capture-pane -p -e -t 0 | perl -ne '
		while (/\e\[([0-9;]*)m/g) {
			for (split /;/, $1) { print "$_\n" if /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/ }
		}' | sort -u | tr '\n' ' '
}
# on_chart N TITLE: chart N of 8 is shown, its title on the title row.
on_chart() { wait_until rows_are 2 "^ $2 .* $1/8\$"; }

tui_start 80 24
wait_for 'Videollamadas' || give_up "the list shows the records"
tui_ready
keys F && wait_for ' Total ' || give_up "F opens the figures"
like "$(row 24)" '^b group by  c charts  ' "the table's footer names c"
keys c
on_chart 1 'Workshops per month'
ok $? "c shows the first chart, 1/8"
is "$(row 24)" "c table  ↑ ↓ PgUp PgDn page  ← → chart  Esc back" "the charts' footer"
like "$(row 4)" '^ +3$' "November's 3 workshops over the tallest column"
has '^ +1 +█+$'
ok $? "October's 1 over its column, beside November's"
has '^ +Oct 2026 +Nov 2026$'
ok $? "the months under their columns"
fits "workshops per month" v
colour_on=$(colours)
[ -n "$colour_on" ]
ok $? "with colours allowed, the screen has colour (the check below can fail): $colour_on"

keys Down && on_chart 2 'Attendances per month'
ok $? "↓ goes to the next chart"
like "$(row 4)" '^ +25$' "November's 25 attendances"
has '^ +6 +█+$'
ok $? "October's 6"
fits "attendances per month" v

keys NPage && on_chart 3 'Attendance by age group'
ok $? "PgDn goes on too"
has '^ ██ Under 65   ▓▓ 65 or older$'
ok $? "a legend tells the two series apart by their fill"
has '^ Almazán +█+▓+ 8\+10 = 18$'
ok $? "Almazán: 8 under 65 and 10 older, stacked, with their numbers"
has '^ Berlanga +▓+ 0\+9 = 9$'
ok $? "Berlanga: all 9 older"
has '^ Ol\[2Jvega +█+▓+ 3\+1 = 4$'
ok $? "the hostile name is shown without its escape and override"
like "$(row 1)" '^ [^ ].* · Volunteer ana · Almazán' "the status bar was not cleared by it"
if screen | grep -q "$(printf '\342\200\256')"; then r=1; else r=0; fi
ok $r "no right-to-left override reaches the terminal"
fits "attendance by age" h

keys Down && on_chart 4 'Attendance by gender'
has '^ ██ Women   ▓▓ Men   ░░ Not stated$'
ok $? "three series: solid, hatched, dotted"
has '^ Almazán +█+▓+░+ 10\+7\+1 = 18$'
ok $? "Almazán: 10 women, 7 men, 1 not stated"
has '^ Berlanga +█+ 9\+0\+0 = 9$'
ok $? "Berlanga: 9 women"
fits "attendance by gender" h

keys Down && on_chart 5 'Businesses helped by sector'
for l in 'Food and drink' 'Retail' 'No sector'; do
	has "^ $l +█+ 1\$"
	ok $? "sector '$l': one business, its bar and its number"
done
fits "businesses by sector" h

keys Down && on_chart 6 'Businesses helped by topic'
has '^ Website +█+ 2$'
ok $? "website: 2 businesses"
has '^ Social media +█+[▏▎▍▌▋▊▉]? 1$'
ok $? "social media: 1"
web=$(screen | grep -n '^ Website' | cut -d: -f1)
social=$(screen | grep -n '^ Social media' | cut -d: -f1)
w=$(bar_len "$web") s=$(bar_len "$social")
[ $((2 * s - w)) -ge -1 ] && [ $((2 * s - w)) -le 2 ]
ok $? "bars start at zero: 1 takes half the cells of 2 ($s of $w)"
fits "businesses by topic" h

keys Down && on_chart 7 'Tasks by status'
has '^ To do +0$' && has '^ In progress +█+ 1$' && has '^ Done +█+ 1$' && has '^ Blocked +0$'
ok $? "tasks: 0 to do (no bar), 1 in progress, 1 done, 0 blocked"
fits "tasks by status" h

keys Down && on_chart 8 'Workshops by satisfaction'
has '^ +1 +2 +3 +4 +5$'
ok $? "satisfaction: the five marks under their columns"
has '^ +1 +1$'
ok $? "one workshop at 3 and one at 4"
has '^ +0 +0 +█+ +█+ +0$'
ok $? "0 at 1, 2 and 5, on the zero line"
fits "workshops by satisfaction" v
keys Down && sleep 0.3
rows_are 2 ' 8/8$'
ok $? "↓ on the last chart stays there"
keys Up && on_chart 7 'Tasks by status'
ok $? "↑ goes back"
keys Home && on_chart 1 'Workshops per month'
ok $? "Home: the first chart"
keys End && on_chart 8 'Workshops by satisfaction'
ok $? "End: the last"
keys Left && on_chart 7 'Tasks by status' && keys Right && on_chart 8 'Workshops'
ok $? "← → go chart by chart"
# A live resize lays the chart out again for the new size.
keys Left Left Left Left && on_chart 4 'Attendance by gender'
$TM resize-window -t 0 -x 50 -y 14
wait_until rows_are 2 '^ Attendance by gender +4/8$' 6 '^ Almazán +█+▓+░+ 10\+7\+1 = 18$'
ok $? "at 50x14 the chart is drawn again, its bars shorter"
fits "attendance by gender at 50x14" h 50 14
$TM resize-window -t 0 -x 80 -y 24
wait_until rows_are 2 '^ Attendance by gender {20,}4/8$'
fits "attendance by gender back at 80x24" h
keys c && wait_for ' Total ' && wait_for '^b group by'
ok $? "c gives the table back"
like "$(row 2)" '^ Figures by Municipality' "the table as it was"
keys Escape && wait_for '^n new'

# A filter that matches nothing: every chart says so.
keys f && wait_for 'Filters' && typein 'Nowhere' && keys F2 && wait_for 'Nowhere ·' ||
	give_up "the list filters on a municipality"
keys F && wait_for ' Total ' && keys c && on_chart 1 'Workshops per month' ||
	give_up "the charts of an empty filter open"
n=0
for i in 1 2 3 4 5 6 7 8; do
	rows_are 2 " $i/8\$" 4 '^ Nothing to show for this period\.$' && n=$((n + 1))
	keys Down && sleep 0.2
done
is "$n" 8 "an empty filter: each of the eight charts says there is nothing to show"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"

# NO_COLOR: not one colour escape on the charts.
tui_start 80 24 NO_COLOR=1
wait_for 'Videollamadas' && tui_ready && keys F && wait_for ' Total ' && keys c &&
	on_chart 1 'Workshops' || give_up "the charts open under NO_COLOR"
is "$(colours)" "" "NO_COLOR: no colour escape on the first chart"
keys Down Down && on_chart 3 'Attendance by age'
is "$(colours)" "" "nor on a chart of two series"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit

# Spanish (the default) and Basque: each chart fits and no title is cut.
lang_fits() { # NAME ENV...
	_name=$1
	shift
	tui_start 80 24 "$@"
	wait_for 'Videollamadas' || { ok 1 "$_name: the list"; return; }
	keys '?' && sleep 0.5 && keys Escape && sleep 0.3
	keys F && wait_for '^b ' && keys c && wait_until rows_are 2 ' 1/8$' ||
		{ ok 1 "$_name: the charts open"; return; }
	is "$(row 24)" "$footer" "$_name: the charts' footer is whole"
	for i in 1 2 3 4 5 6 7 8; do
		wait_until rows_are 2 " $i/8\$" || ok 1 "$_name: chart $i"
		case $i in 1|2|8) k=v ;; *) k=h ;; esac
		fits "$_name: chart $i ($(row 2 | sed 's/  .*//; s/^ //'))" $k
		if row 2 | grep -q '…'; then r=1; else r=0; fi
		ok $r "$_name: the title of chart $i is whole"
		keys Down
	done
	keys Escape && wait_for '^n ' && keys q && tui_wait_exit
}
cmsg="c table  ↑ ↓ PgUp PgDn page  ← → chart  Esc back"
if locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$'; then
	footer=$(LANG=es_ES.UTF-8 LC_ALL= LANGUAGE=es TEXTDOMAINDIR=$TUI_LOCALEDIR \
		gettext -d volunteer "$cmsg")
	[ "$footer" != "$cmsg" ]
	ok $? "the charts' footer has its Spanish ('$footer')"
	lang_fits Spanish LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE=
	if locale -a 2>/dev/null | grep -qi '^eu_ES\.utf-\?8$'; then
		footer=$(LANG=eu_ES.UTF-8 LC_ALL= LANGUAGE=eu TEXTDOMAINDIR=$TUI_LOCALEDIR \
			gettext -d volunteer "$cmsg")
		lang_fits Basque LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE=eu
	else
		skip "the eu_ES.UTF-8 locale is not generated"
	fi
else
	skip "the es_ES.UTF-8 locale is not generated"
fi
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
