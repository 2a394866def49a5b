#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# In Spanish, one sync of the screens asks both questions against a real sshd on
# 127.0.0.1 it has never seen, with a key locked by a passphrase that holds ñ and ú: the
# host first ("s" trusts it, as "sí"), then the passphrase, typed through the terminal's
# UTF-8 and handed to the key byte for byte; the record goes, and the push after the
# fetch asks nothing again.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "the es_ES.UTF-8 locale is not generated"
[ -f "$TUI_LOCALEDIR/es/LC_MESSAGES/volunteer.mo" ] || skip_all "no Spanish catalogue built in $TUI_LOCALEDIR"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; tui_cleanup' EXIT
PASS="caña de azúcar $$"
ssh-keygen -q -t ed25519 -f "$T/locked" -N "$PASS" || skip_all "ssh-keygen failed"
cp "$T/locked.pub" "$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$SSHD_PORT$T/srv/shared.git"
FP=$(ssh-keygen -lf "$T/sshd/hostkey.pub" | cut -d' ' -f2)
unset SSH_AUTH_SOCK

on_server() {
	git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main 2>/dev/null | grep -c '^records/'
}
history() { $TM capture-pane -p -S - -E - -t 0 2>/dev/null; }

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/locked|; s|^known_hosts = .*|known_hosts = $T/hosts|" \
	"$VCONF"
vol add visit business="Panadería Las Eras" >/dev/null

tui_start 80 24 LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES=
wait_for 'Panadería Las Eras' && keys '?' && wait_for '^ Teclas' && keys Escape && wait_for '^n nueva'
keys s && wait_for 'Un host ssh nuevo'
ok $? "the question about the host has a Spanish title"
s=$(screen)
like "$s" 'El host 127.0.0.1 aún no es conocido' "and Spanish text"
if printf '%s\n' "$s" | grep -qF "$FP"; then r=0; else r=1; fi
ok $r "with the fingerprint"
like "$s" 's sí +n no' "s answers yes in Spanish"
keys s && wait_for 'Frase de paso de la clave ssh'
ok $? "then the passphrase is asked, in Spanish"
like "$(screen)" 'Lo que escribes no se muestra' "saying what is typed is not shown"
typein "$PASS"
# A second question (at the push) would hold the sync open: its end says none came.
keys Enter && wait_for 'Sincronizado: enviados 2, recibidos 0, conflictos 0'
ok $? "a passphrase with ñ and ú unlocks the key: the record goes, asked once"
is "$(on_server)" 2 "the record (and its business) is on the server"
is "$(grep -c . "$T/hosts")" 1 "the host was written once"
if history | grep -qF "azúcar"; then r=1; else r=0; fi
is "$r" 0 "the passphrase never showed on the screen"
keys Escape && wait_for '^n nueva' && keys q && tui_wait_exit
if grep -rqaF "$PASS" "$T/ana" "$T/srv" "$HOME" "$T/tui-stderr" 2>/dev/null; then r=1; else r=0; fi
is "$r" 0 "the passphrase is in no file"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
