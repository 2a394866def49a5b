#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make install puts every part where the prefix given at install time says, the
# installed program holds no path of the build tree, bash-completion finds the completion,
# and make uninstall with the same arguments leaves the tree exactly as it found it,
# someone else's files included.
. "${0%/*}/lib.sh"

command -v make >/dev/null || skip_all "make is not installed"
[ "${VOLUNTEER_SANITIZED:-0}" = 1 ] && { echo "1..0 # SKIP the installed copy is the plain build, tested in the plain pass"; exit 0; }

R="$T/root"
P=/opt/volunteer
# Someone else's things under the same prefix, which must survive.
mkdir -p "$R/opt/other" "$R$P/share/man/man1"
echo other >"$R/opt/other/file"
echo '.TH OTHER 1' >"$R$P/share/man/man1/other.1"
listing() { (cd "$R" && find . | sort); }
listing >"$T/before"

make -s -C "$TOP" install PREFIX=$P DESTDIR="$R" >"$T/install.log" 2>&1
ok $? "make install PREFIX=$P DESTDIR=..."
missing=
for f in bin/volunteer lib/volunteer/volunteer-git.so lib/volunteer/volunteer-pdf.so \
	lib/volunteer/volunteer-screens.so \
	share/man/man1/volunteer.1 share/bash-completion/completions/volunteer \
	share/doc/volunteer/README.md share/doc/volunteer/volunteer.ini.example; do
	[ -f "$R$P/$f" ] || missing="$missing $f"
done
for po in "$TOP"/po/*.po; do
	lang=$(basename "$po" .po)
	[ -f "$R$P/share/locale/$lang/LC_MESSAGES/volunteer.mo" ] || missing="$missing $lang.mo"
done
is "$missing" "" "program, modules, man page, completion, docs and every po/*.po's catalogue installed"
is "$(stat -c %a "$R$P/bin/volunteer"):$(stat -c %a "$R$P/lib/volunteer/volunteer-git.so")" \
	"755:644" "the program is executable, the modules are not"
V="$R$P/bin/volunteer"
is "$("$V" --version)" "$("$VOLUNTEER" --version)" "the installed program runs"
"$V" completion bash >"$T/completion"
cmp -s "$T/completion" "$R$P/share/bash-completion/completions/volunteer"
ok $? "the installed completion is the one the program writes"
found=
for f in "$V" "$R$P"/lib/volunteer/*.so; do
	strings "$f" | grep -qF "$TOP" && found="$found ${f##*/}"
done
is "$found" "" "no path of the build tree in the installed program or modules"

# bash-completion loads it on demand from XDG_DATA_DIRS, as it does /usr/share's.
BC=/usr/share/bash-completion/bash_completion
if command -v bash >/dev/null && [ -f "$BC" ]; then
	got=$(XDG_DATA_DIRS="$R$P/share" BASH_COMPLETION_USER_DIR="$T/none" bash --norc -c \
		". $BC; __load_completion volunteer; complete -p volunteer" 2>&1)
	is "$got" "complete -F _volunteer volunteer" "bash-completion finds the installed completion"
else
	skip "bash-completion is not installed"
fi

make -s -C "$TOP" uninstall PREFIX=$P DESTDIR="$R" >"$T/uninstall.log" 2>&1
ok $? "make uninstall with the same arguments"
listing >"$T/after"
diff "$T/before" "$T/after" >"$T/diff"
ok $? "after uninstall the tree is as before install, someone else's files kept"
[ -s "$T/diff" ] && diag "$(cat "$T/diff")"
make -s -C "$TOP" uninstall PREFIX=$P DESTDIR="$R" >"$T/uninstall2.log" 2>&1
ok $? "uninstall of what is not installed succeeds"
listing >"$T/again"
cmp -s "$T/before" "$T/again"
ok $? "and changes nothing"
done_testing
