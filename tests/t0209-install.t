#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installed where the administrator chose at `make install` time, the program finds its
# modules and its Spanish catalogue beside itself (PREFIX/lib/volunteer,
# PREFIX/share/locale), with no path of the build tree compiled in; run from the build
# tree, it finds those of the build tree.
. "${0%/*}/lib.sh"

command -v make >/dev/null || skip_all "make is not installed"
command -v git >/dev/null || skip_all "git is not installed"
unset VOLUNTEER_LOCALEDIR VOLUNTEER_MODULEDIR
[ "${VOLUNTEER_SANITIZED:-0}" = 1 ] && { echo "1..0 # SKIP the installed copy is the plain build, tested in the plain pass"; exit 0; }

like "$(LC_ALL=es_ES.UTF-8 "$TOP/volunteer" --help | head -n 1)" "^uso: volunteer" \
	"from the build tree, with no VOLUNTEER_LOCALEDIR, the help is Spanish"
make -s -C "$TOP" install PREFIX=/opt/volunteer DESTDIR="$T/root" >"$T/install.log" 2>&1
ok $? "make install PREFIX=/opt/volunteer DESTDIR=..."
V="$T/root/opt/volunteer/bin/volunteer"
like "$(LC_ALL=es_ES.UTF-8 "$V" --help | head -n 1)" "^uso: volunteer" \
	"the installed copy speaks Spanish from PREFIX/share/locale"
git init -q --bare "$T/r.git"
"$V" --config "$T/c.ini" init --id ana --name Ana --data-dir "$T/d" --remote "$T/r.git" >/dev/null
"$V" --config "$T/c.ini" add workshop title=Uno municipality=Almazán attendees=2 >/dev/null
# The installed copy looks beside itself and in /opt/volunteer, never in the build tree.
"$V" --config "$T/c.ini" sync >"$T/out" 2>"$T/err"
is "$?" 0 "the installed copy syncs with the git module from PREFIX/lib/volunteer"
rm "$T/root/opt/volunteer/lib/volunteer/volunteer-git.so"
"$V" --config "$T/c.ini" sync >"$T/out" 2>"$T/err"
like "$?:$(cat "$T/err")" "^1:.*volunteer-git module cannot be loaded" \
	"without it, the build tree's module is not picked up instead"
strip -o "$T/stripped" "$V"
ok "$(grep -q "$TOP" "$T/stripped"; [ $? -ne 0 ]; echo $?)" \
	"no path of the build tree is in the installed binary"
done_testing
