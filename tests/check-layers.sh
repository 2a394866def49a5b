#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check-layers.sh: the drawing "Parts and the way dependencies point" of DESIGN.md, checked
# on every #include of the tree. Run from the top of the tree (`make check-layers`).
# Each broken rule is one line, FILE:LINE: the include: the rule; the exit status is 1.
set -f	# the tables hold shell patterns: never expand them against the tree
LC_ALL=C
export LC_ALL

# A folder may include headers of its own and of the folders named after it; nothing else
# of ours. A folder of C sources that is no row here fails the check until it gets one.
ARROWS='
core    core
forms   forms core
sync    sync core forms
report  report core forms
tui     tui core forms sync report
cli     cli tui core forms sync report
'
# Folders that are not layers of the program: they may use everything.
NOT_LAYERS='tests bench build build-asan build-fuzz build-deb debian'

# A library's headers (as in #include <...>) may appear only in the files named after `|`
# (shell patterns; - for nowhere). A header of ours that includes one of them carries it:
# the same files only may include that header.
LIBRARIES='
sqlite3          sqlite3.h                               | core/store*.c core/store_internal.h core/db.c
git2             git2.h git2/*                           | sync/*
libssh2/openssl  libssh2.h openssl/*                     | sync/hostkey.c sync/thin.c
pango/cairo      pango/* cairo.h cairo-*.h cairo/*       | report/summary_pdf.c report/programme_pdf.c report/pdf_common.[ch]
glib             glib.h glib/* glib-object.h         | report/summary_pdf.c report/programme_pdf.c report/pdf_common.[ch]
librsvg          librsvg/*                               | report/summary_pdf.c
curses           curses.h ncurses.h ncurses*/* term.h    | tui/ui*.c tui/ui*.h tui/screen*.c tui/screen*.h tui/draw.h tui/dialog.h tui/job.h
iniparser        iniparser.h iniparser/*                 | core/config.c
form/menu/panel  form.h menu.h panel.h                   | -
'

# ---- the engine: prints FILE:LINE: INCLUDE: RULE for each include that breaks a rule ----

tab=$(printf '\t')
violation() { printf '%s:%s: %s: %s\n' "$@"; }
shown() { if [ "$1" = '<' ]; then echo "#include <$2>"; else echo "#include \"$2\""; fi; }

# matches NAME PATTERN...: 0 when NAME matches one of the shell patterns.
matches() {
	_n=$1; shift
	for _p in "$@"; do
		case $_n in $_p) return 0 ;; esac
	done
	return 1
}

layers=$(printf '%s\n' "$ARROWS" | awk 'NF { print $1 }')
allowed_of() { printf '%s\n' "$ARROWS" | awk -v f="$1" '$1 == f { $1 = ""; print }'; }
files=$(for d in $layers; do find "$d" -name '*.[ch]'; done | sort)
# FILE<TAB>LINE<TAB>KIND (< or ")<TAB>NAME, one line per #include of the layers.
includes=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]' $files /dev/null |
	sed -E 's/^([^:]*):([0-9]+):[[:space:]]*#[[:space:]]*include[[:space:]]*([<"])([^>"]*)[>"].*/\1\t\2\t\3\t\4/')
each_include() { printf '%s\n' "$includes" | while IFS=$tab read -r file line kind name; do "$@"; done; }

# Every folder with C sources is a row of the table or plainly not a layer.
check_folders() {
	for d in $(find . -mindepth 2 -maxdepth 2 -name '*.[ch]' | sed 's|^\./||; s|/.*||' | sort -u); do
		matches "$d" $layers $NOT_LAYERS ||
			printf '%s/: a folder of C sources that is no row of ARROWS in tests/check-layers.sh\n' "$d"
	done
}

# The arrows between our folders.
check_arrow() {
	[ "$kind" = '"' ] || return 0
	case $name in
	*/*) ;;
	*) violation "$file" "$line" "$(shown "$kind" "$name")" "a header of ours is named with its folder"
	   return 0 ;;
	esac
	_allowed=$(allowed_of "${file%%/*}")
	matches "${name%%/*}" $_allowed ||
		violation "$file" "$line" "$(shown "$kind" "$name")" "${file%%/*}/ may include only$(printf ' %s/' $_allowed)"
}

# Our headers that include one of $headers, followed through the headers that include them.
carrier_of() {
	case $file in *.h) ;; *) return 0 ;; esac
	matches "$file" $carriers && return 0
	if [ "$kind" = '<' ]; then matches "$name" $headers && echo "$file"
	else matches "$name" $carriers && echo "$file"; fi
	return 0
}

check_library() {
	if [ "$kind" = '<' ]; then
		matches "$name" $headers || return 0
		matches "$file" $where || violation "$file" "$line" "$(shown "$kind" "$name")" "$rule"
	else
		matches "$name" $carriers || return 0
		matches "$file" $where ||
			violation "$file" "$line" "$(shown "$kind" "$name") brings $label" "$rule"
	fi
	return 0
}

check_libraries() {
	printf '%s\n' "$LIBRARIES" | awk 'NF' | while read -r label rest; do
		headers=${rest%%|*}
		where=${rest#*|}
		[ "$(echo $where)" = - ] && where=
		if [ -n "$where" ]; then rule="$label headers only in $(echo $where)"
		else rule="$label headers in no file: the library is not linked"; fi
		carriers=
		while more=$(each_include carrier_of | sort -u) && [ -n "$more" ]; do
			carriers="$carriers $more"
		done
		each_include check_library
	done
}

out=$(check_folders; each_include check_arrow; check_libraries)
if [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "check-layers: $(printf '%s\n' "$out" | wc -l) include(s) break the drawing; its table is tests/check-layers.sh"
	exit 1
fi
echo "check-layers: ok, $(echo $files | wc -w) files of$(printf ' %s/' $layers)"
