#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# t0211: the commands that need neither the screens nor a report's charts load neither
# curses nor glib: `add`, `list`, `show`, `report` and `export` run with the program's
# own libraries only (LD_DEBUG=libs lists each one the loader opens). `volunteer` alone
# loads the screens' module (and curses with it); a program without its modules names
# the screens' module it cannot load.
. "$(dirname "$0")/lib.sh"
V=${VOLUNTEER:-./volunteer}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cfg="--config $T/v.ini"
"$V" $cfg init --id maria --name María --municipality Almazán --data-dir "$T/data" >/dev/null

# libs CMD...: the libraries the loader opened for the run, one a line.
libs() { LD_DEBUG=libs "$V" $cfg "$@" 2>&1 >/dev/null </dev/null |
	sed -n 's|.*calling init: \(.*\)|\1|p' | sed 's|.*/||' | sort -u; }

id=$(LD_DEBUG= "$V" $cfg add visit business=Bar municipality=Almazán topics=website)
ok $? "an add"
for cmd in "add visit business=Bar municipality=Almazán" "list --all" "show $id" \
	"report" "export --format csv" "status"; do
	set -- $cmd
	got=$(libs "$@")
	case $got in
	*libc.so*) ok 0 "$1 is traced" ;;	# SQLite is linked in: libc marks a trace
	*) ok 1 "$1 is traced: $got" ;;
	esac
	case $got in
	*ncurses*|*tinfo*|*glib*|*pcre*)
		ok 1 "$1 loads no curses and no glib: $(echo $got)" ;;
	*) ok 0 "$1 loads no curses and no glib" ;;
	esac
done

got=$(libs)
case $got in
*volunteer-screens.so*ncursesw*|*ncursesw*volunteer-screens.so*) ok 0 "volunteer alone loads the screens' module and curses" ;;
*) ok 1 "volunteer alone loads the screens' module and curses: $(echo $got)" ;;
esac
like "$(LC_ALL=C.UTF-8 LANGUAGE= "$V" $cfg 2>&1 </dev/null)" "needs a terminal" \
	"then the screens say they need a terminal"

# A copy of the program with no modules beside it (and none installed in its PREFIX).
mkdir -p "$T/bin"
cp "$V" "$T/bin/volunteer"
out=$(LC_ALL=C.UTF-8 LANGUAGE= VOLUNTEER_MODULEDIR="$T/none" "$T/bin/volunteer" $cfg 2>&1 </dev/null)
st=$?
if [ -e /usr/local/lib/volunteer/volunteer-screens.so ] || [ -e /usr/lib/volunteer/volunteer-screens.so ]; then
	skip "a volunteer-screens.so is installed on this machine"
else
	like "$st:$out" "^1:.*volunteer-screens module cannot be loaded" \
		"without its module, the program names the screens' module"
fi
done_testing
