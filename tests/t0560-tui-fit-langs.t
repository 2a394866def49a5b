#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Nothing cut at 80x24 in any of the five languages: over the list, the new-visit form,
# the detail view, the help and the figures, every footer is its whole msgstr, the form's
# and the detail's labels appear whole (label.<lang> of forms/visit.ini), the tabs and the
# status bar are whole, and no word ends in "…". The yes/no question takes the language's
# letters: its no letter stays in the form, its yes letter leaves.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
command -v gettext >/dev/null 2>&1 || skip_all "gettext is not installed"
for l in es_ES ca_ES eu_ES gl_ES en_US; do
	locale -a 2>/dev/null | grep -qi "^$l\\.utf-\\?8\$" || skip_all "the $l.UTF-8 locale is not generated"
done

mkvol ana
vol add visit business='Panadería Las Eras' municipality=Almazán topics=website,social_media \
	recommendations='Crear un perfil de empresa.' date=2026-11-20 >/dev/null ||
	give_up "add a visit"
vol add workshop title='Videollamadas' municipality=Almazán attendees=12 attendees_65plus=10 \
	date=2026-11-19 >/dev/null || give_up "add a workshop"

# tr MSGID: its msgstr in the language under test, along the program's fallback chain.
tr() {
	if [ "$lang" = en ]; then printf '%s' "$1"; return; fi
	LANG=$loc LC_ALL= LANGUAGE=$chain TEXTDOMAINDIR=$TUI_LOCALEDIR gettext -d volunteer "$1"
}
# label FIELD: the field's label in the language under test, from the form itself.
label() {
	awk -v f="[$1]" -v k="label.$lang" '
		$0 == f { in_f = 1; next } /^\[/ { in_f = 0 }
		in_f && $1 == "label" { en = substr($0, index($0, "=") + 2) }
		in_f && $1 == k { l = substr($0, index($0, "=") + 2) }
		END { print (l != "" ? l : en) }' "$TOP/forms/visit.ini"
}
# ready: the program reads keys in the list (the help opens and closes), in any language.
ready() { keys '?' && wait_for "^ $(tr Keys)\$" && keys Escape && wait_for '^n '; }
has_text() { screen | grep -qF -- "$1"; }
wait_text() { wait_until has_text "$1"; }
row() { screen | sed -n "${1}p" | sed 's/ *$//'; }
footer_is() { # MSGID WHERE
	is "$(row 24)" "$(tr "$1")" "$lang: the footer of $2 is whole"
}
no_ellipsis() { # WHERE
	if screen | grep -q '…'; then r=1; else r=0; fi
	ok $r "$lang: no word of $1 ends in …"
}
fields() { # WHERE FIELD...
	_where=$1; shift
	_s=$(screen)
	for _f in "$@"; do
		_l=$(label "$_f")
		printf '%s\n' "$_s" | grep -qF -- "$_l"
		ok $? "$lang: $_where shows the label of $_f whole ('$_l')"
	done
}

check_lang() { # LANG LOCALE CHAIN DATE YES NO
	lang=$1 loc=$2 chain=$3 date=$4 yes=$5 no=$6
	tui_start 80 24 LANG="$loc" LC_ALL= LC_MESSAGES= LANGUAGE=
	wait_for 'Panadería' || { ok 1 "$lang: the list"; return; }
	ready
	# The status bar: the volunteer on the left, the unsynced count and the last sync whole
	# (the visit, its business and the workshop: three records to send).
	n=$(LANG=$loc LC_ALL= LANGUAGE=$chain TEXTDOMAINDIR=$TUI_LOCALEDIR \
		ngettext -d volunteer "%ld unsynced" "%ld unsynced" 3 | sed 's/%ld/3/')
	[ "$lang" = en ] && n="3 unsynced"
	like "$(row 1)" "^ [^·]+ · Volunteer ana · Almazán +$n · $(tr "never synced")\$" \
		"$lang: the status bar is whole"
	for t in Visits Tasks Workshops All; do
		printf '%s' "$(row 2)" | grep -qF -- "$(tr "$t")"
		ok $? "$lang: the tab $t is whole ('$(tr "$t")')"
	done
	like "$(row 4)" "^ $date  " "$lang: the list's date in the language's style"
	footer_is "n new  Enter open  e edit  / search  s sync  p print  A agenda  ? help" "the list"
	no_ellipsis "the list"

	keys n && wait_text "$(tr "New: v visit · t task · w workshop (Esc: back)")" && keys v &&
		wait_for '^F2 ' || { ok 1 "$lang: the new-visit form opens"; return; }
	footer_is "F2 save  Esc cancel  Tab next  Shift-Tab back  Enter choose  F1 help" "the form"
	fields "the form" business sector municipality province date duration_min contact_name \
		contact_phone contact_email consent topics situation recommendations next_steps \
		follow_up
	no_ellipsis "the form"
	# Something typed, so that leaving asks; the prompt shows the language's letters.
	typein 'Bar'
	keys Escape && wait_for "\\($yes/$no\\)\$" || ok 1 "$lang: leaving asks with ($yes/$no)"
	keys "$no" && sleep 0.3
	screen | grep -q '^F2 '
	ok $? "$lang: '$no' answers no: the form stays"
	keys Escape && wait_for "\\($yes/$no\\)\$" && keys "$yes" && wait_for 'Panadería'
	ok $? "$lang: '$yes' answers yes: back in the list"
	ready

	keys 1 && sleep 0.2 && keys Enter && wait_for 'Crear un perfil' ||
		{ ok 1 "$lang: the detail opens"; return; }
	footer_is "e edit  d delete  p print  r review  Esc back  ? help" "the detail"
	fields "the detail" business municipality date topics recommendations
	no_ellipsis "the detail"
	keys Escape && wait_for 'Panadería'

	keys '?' && wait_text " $(tr Keys)" || { ok 1 "$lang: the help opens"; return; }
	footer_is "↑ ↓ PgUp PgDn Home End scroll  Esc back" "the help"
	no_ellipsis "the help"
	keys Escape && wait_for 'Panadería'

	keys F && wait_text " $(tr Total) " || { ok 1 "$lang: the figures open"; return; }
	footer_is "b group by  c charts  ← → columns  ↑ ↓ scroll  Esc back" "the figures"
	note=$(tr "Follow-ups due by %s. Shares are per cent of attendees.")
	screen | grep -qF -- "$(printf '%s' "$note" | sed "s|%s|$(tui_today "$lang")|")"
	ok $? "$lang: the figures' note is whole, with today in the language's style"
	no_ellipsis "the figures"
	keys Escape && sleep 0.2 && keys q && tui_wait_exit
}
tui_today() {
	case $1 in
	en) date +%Y-%m-%d ;;
	eu) date +%Y/%m/%d ;;
	*) date +%d/%m/%Y ;;
	esac
}

check_lang es es_ES.UTF-8 es 20/11/2026 s n
check_lang ca ca_ES.UTF-8 ca:es 20/11/2026 s n
check_lang eu eu_ES.UTF-8 eu:es 2026/11/20 b e
check_lang gl gl_ES.UTF-8 gl:es 20/11/2026 s n
check_lang en en_US.UTF-8 en 2026-11-20 y n
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
