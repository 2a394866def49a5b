#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The screens' sync with an ssh key that has a passphrase (no ssh-agent), against a real
# sshd on 127.0.0.1: a dialog asks for it and shows nothing of what is typed (not even its
# length); Esc and a wrong passphrase are clear errors with nothing sent and nothing lost;
# the right one syncs. The passphrase's bytes appear nowhere: not on the screen or in the
# pane's history (tmux capture), not in the data folder or the database, not in the
# program's memory once the sync is over.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; tui_cleanup' EXIT
PASS="pan con tomate $$"
WRONG="aceite de oliva $$"
ssh-keygen -q -t ed25519 -f "$T/locked" -N "$PASS" || skip_all "ssh-keygen failed"
cp "$T/locked.pub" "$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$SSHD_PORT$T/srv/shared.git"
echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$T/sshd/hostkey.pub")" >"$T/known_hosts"
unset SSH_AUTH_SOCK

unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }
on_server() {
	git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main 2>/dev/null | grep -c '^records/'
}
flat() { screen | sed 's/^ *//; s/ *$//' | tr '\n' ' '; }
flat_has() { flat | grep -Eq -- "$1"; }
# Everything the pane ever showed, its history included.
history() { $TM capture-pane -p -S - -E - -t 0 2>/dev/null; }
shows() { if history | grep -qF -- "$1"; then echo 1; else echo 0; fi; }
# The bytes of $1 in the memory of process $2 (root reads /proc/PID/mem): 1 found, 0 not.
# Read in pieces; a mapping of more than 1 GiB is a sanitizer's reserved shadow, not data.
in_memory() {
	python3 - "$1" "$2" <<'PY'
import re, sys
needle, pid, found = sys.argv[1].encode(), sys.argv[2], 0
piece = 1 << 20
with open("/proc/%s/maps" % pid) as maps, open("/proc/%s/mem" % pid, "rb", 0) as mem:
    for line in maps:
        m = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
        if not m or m.group(3)[0] != "r" or "[vvar]" in line or "[vsyscall]" in line:
            continue
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        if end - start > 1 << 30:
            continue
        at = start
        while at < end and not found:
            n = min(piece + len(needle), end - at)
            try:
                mem.seek(at)
                found = needle in mem.read(n)
            except (OSError, ValueError, OverflowError):
                pass
            at += piece
print(int(found))
PY
}

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/locked|; s|^known_hosts = .*|known_hosts = $T/known_hosts|" \
	"$VCONF"
vol add visit business="Panadería Las Eras" >/dev/null

tui_start 80 24
wait_for 'Panadería Las Eras' && tui_ready

# -- Esc: not unlocked, nothing sent
keys s && wait_for "Passphrase for the ssh key $T/locked"
ok $? "s opens a dialog that asks for the key's passphrase"
like "$(screen)" "What you type is not shown" "it says that what is typed is not shown"
typein "$WRONG"
keys Escape && wait_until flat_has 'the ssh key .* was not unlocked \(no passphrase given\); nothing was sent'
ok $? "Esc cancels: the key was not unlocked, nothing was sent"
is "$(on_server)" 0 "nothing reached the server"

# -- a wrong passphrase: the clear error
keys s && wait_for "Passphrase for the ssh key"
typein "$WRONG"
# Nothing on the screen tells when the keys arrived: the program's memory does (and so the
# check of its memory below can see a passphrase that is there).
has_wrong() { [ "$(in_memory "$WRONG" "$(tui_pid)")" = 1 ]; }
wait_until has_wrong
ok $? "the program holds what was typed while the dialog is open"
is "$(shows "$WRONG")" 0 "what is typed is not on the screen"
is "$(shows "aceite")" 0 "not even a word of it"
if screen | grep -q '[•*]'; then r=1; else r=0; fi
is "$r" 0 "nor bullets that count it"
keys Enter && wait_until flat_has 'Sync failed: .*wrong passphrase for the ssh key .*nothing was sent'
ok $? "a wrong passphrase gives the clear error"
is "$(on_server)" 0 "nothing reached the server"

# -- the right passphrase, with a typo erased first: the sync goes through
keys s && wait_for "Passphrase for the ssh key"
typein "x"
keys BSpace
typein "$PASS"
has_pass() { [ "$(in_memory "$PASS" "$(tui_pid)")" = 1 ]; }
wait_until has_pass
is "$(shows "tomate")" 0 "the passphrase is not on the screen while it is typed"
# While the sync runs: the command lines of the program and of its children (the network
# child, ssh's none: libssh2 runs in-process) and the children's environments, every 20 ms.
watch_children() {
	while [ ! -e "$T/watch.stop" ]; do
		cat "/proc/$1/cmdline" 2>/dev/null | tr '\0' '\n' >>"$T/watch.cmdline"
		for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
			echo "$c" >>"$T/watch.children"
			cat "/proc/$c/cmdline" 2>/dev/null | tr '\0' '\n' >>"$T/watch.cmdline"
			cat "/proc/$c/environ" 2>/dev/null | tr '\0' '\n' >>"$T/watch.environ"
		done
		sleep 0.02
	done
}
: >"$T/watch.cmdline"; : >"$T/watch.environ"; : >"$T/watch.children"
watch_children "$(tui_pid)" &
WATCH_PID=$!
keys Enter && wait_for 'Sync done: sent 2, received 0, conflicts 0'
ok $? "the right passphrase unlocks the key and the record goes"
touch "$T/watch.stop"
wait "$WATCH_PID"
is "$([ -s "$T/watch.children" ] && echo watched)" watched \
	"the sync's child process was watched while it ran"
if grep -qaF -- "$PASS" "$T/watch.cmdline"; then r=1; else r=0; fi
is "$r" 0 "the passphrase is in the command line of neither the program nor its children"
if grep -qaF -- "$PASS" "$T/watch.environ"; then r=1; else r=0; fi
is "$r" 0 "nor in the environment of a child"
for g in "$T/ana/data/repo.git" "$T/srv/shared.git"; do
	git --git-dir="$g" cat-file --batch-all-objects --batch >"$T/objects" 2>/dev/null
	[ -s "$T/objects" ] || give_up "the objects of $g are read"
	if grep -qaF -- "$PASS" "$T/objects"; then r=1; else r=0; fi
	is "$r" 0 "nor in any object of ${g#$T/}"
done
is "$(on_server)" 2 "the record (and its business) is on the server"
is "$(shows "$PASS")" 0 "the passphrase never showed on the screen"
is "$(shows "tomate")" 0 "not a word of it"
is "$(in_memory "$PASS" "$(tui_pid)")" 0 "the program's memory holds it no more"
keys Escape && wait_for '^n new' && keys q && tui_wait_exit
is "$(unsynced)" 0 "nothing is left unsynced"
if grep -rqaF "$PASS" "$T/ana" "$T/srv" "$HOME" "$T/tui-stderr" 2>/dev/null; then r=1; else r=0; fi
is "$r" 0 "the passphrase is in no file: data folder, database, server, home"
if grep -rqaF "$WRONG" "$T/ana" "$T/srv" "$HOME" "$T/tui-stderr" 2>/dev/null; then r=1; else r=0; fi
is "$r" 0 "nor the wrong one"
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
