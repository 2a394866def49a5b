#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# known_hosts as Debian's ssh writes it, against a real sshd on 127.0.0.1 with its own host
# key: a hashed entry (HashKnownHosts yes) in ~/.ssh/known_hosts also when [sync]
# known_hosts names that same file, a plain "[host]:port" entry, an @revoked key refused, a
# changed key refused with a warning, a first contact refused without a terminal with the
# command that trusts the host, and accepted on a terminal answering yes, the line then
# written hashed (and read by ssh-keygen -F). Records stay unsynced whenever it refuses.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v ssh-keyscan >/dev/null || skip_all "ssh-keyscan is not installed (openssh-client)"
SSHD_PID=
trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$T"' EXIT
ssh-keygen -q -t ed25519 -f "$T/id" -N '' || skip_all "ssh-keygen failed"
ssh-keygen -q -t ed25519 -f "$T/otherhost" -N ''
cp "$T/id.pub" "$T/authorized_keys"
start_sshd "$T/sshd" "$T/authorized_keys"
PORT=$SSHD_PORT
git init -q --bare "$T/srv/shared.git"
URL="ssh://root@127.0.0.1:$PORT$T/srv/shared.git"
KEY=$(cut -d' ' -f1-2 "$T/sshd/hostkey.pub")
FP=$(ssh-keygen -lf "$T/sshd/hostkey.pub" | cut -d' ' -f2)
# As a regular expression for like: a fingerprint may hold + (base64).
FPRE=$(printf '%s' "$FP" | sed 's/[+.]/\\&/g')
KH="$HOME/.ssh/known_hosts"
mkdir -p "$HOME/.ssh"

set_kh() { sed -i "s|^known_hosts = .*|known_hosts = $1|" "$VCONF"; }
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

mkvol ana ana --remote "$URL"
sed -i "s|^ssh_key = .*|ssh_key = $T/id|" "$VCONF"

# -- a hashed entry, as ssh-keyscan -H (and ssh with HashKnownHosts yes) writes it, in the
# default file; [sync] known_hosts names that same file, as volunteer.ini.example does
ssh-keyscan -H -p "$PORT" 127.0.0.1 2>/dev/null >"$KH"
like "$(head -c 3 "$KH")" '^\|1\|' "ssh-keyscan -H wrote a hashed line"
set_kh "~/.ssh/known_hosts"
vol add visit business="Panadería Las Eras" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 1, received 0, conflicts 0" "a hashed entry, known_hosts naming the default file"
set_kh ""
vol add visit business="Bar Plaza" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 1, received 0, conflicts 0" "the same with known_hosts empty (the default)"

# -- a plain [host]:port entry in a file of our own
rm -f "$KH"
echo "[127.0.0.1]:$PORT $KEY" >"$T/plain_hosts"
set_kh "$T/plain_hosts"
vol add visit business="Farmacia Centro" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 1, received 0, conflicts 0" "a plain [host]:port entry"

# -- @revoked: the key is refused even with a good line beside it; a marker does not hide
# the lines after it
printf '%s\n' "@revoked [127.0.0.1]:$PORT $KEY" "# a comment" "[127.0.0.1]:$PORT $KEY" \
	>"$T/revoked_hosts"
set_kh "$T/revoked_hosts"
vol add visit business="Ferretería Sol" >/dev/null
vol sync </dev/null >"$T/out" 2>"$T/err"
is $? 1 "a revoked host key: exit 1"
like "$(cat "$T/err")" "revoked" "the message says the key is revoked"
is "$(unsynced)" 1 "nothing was sent"
printf '%s\n' "@cert-authority *.example.org $(cut -d' ' -f1-2 "$T/otherhost.pub")" \
	"[127.0.0.1]:$PORT $KEY" >"$T/marker_hosts"
set_kh "$T/marker_hosts"
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 1, received 0, conflicts 0" "a line after an @cert-authority marker is read"

# -- a changed key: always refused, never asked, even on a terminal
echo "[127.0.0.1]:$PORT $(cut -d' ' -f1-2 "$T/otherhost.pub")" >"$T/changed_hosts"
set_kh "$T/changed_hosts"
vol add visit business="Taller Ruiz" >/dev/null
printf 'yes/no\tyes\n' >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
is $? 1 "a changed host key: exit 1, even on a terminal"
like "$(cat "$T/out")" "WARNING: the host key of 127.0.0.1 has CHANGED \(now ssh-ed25519 $FPRE\)" \
	"a clear warning with the new fingerprint"
if grep -q "yes/no" "$T/out"; then r=1; else r=0; fi
is "$r" 0 "nobody was asked whether to trust it"
is "$(cat "$T/changed_hosts" | wc -l)" 1 "known_hosts was not changed"
is "$(unsynced)" 1 "nothing was sent"

# -- first contact without a terminal: refused, with the command that trusts the host
set_kh "$T/new_hosts"
vol sync </dev/null >"$T/out" 2>"$T/err"
is $? 1 "an unknown host without a terminal: exit 1"
is "$(wc -l <"$T/err")" 1 "one line"
like "$(cat "$T/err")" "not known; nothing was sent" "it says the host is not known"
like "$(cat "$T/err")" "$FPRE" "with the fingerprint as ssh prints it"
like "$(cat "$T/err")" "ssh-keyscan -H -p $PORT 127.0.0.1 >> $T/new_hosts" \
	"and the command that trusts it"
ok "$([ ! -e "$T/new_hosts" ]; echo $?)" "nothing was written to known_hosts"
is "$(unsynced)" 1 "the record stays unsynced"

# -- on a terminal, answering no: refused, nothing written
printf 'yes/no\tno\n' >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
is $? 1 "an unknown host, answered no: exit 1"
like "$(cat "$T/out")" "$FPRE" "the question shows the fingerprint"
like "$(cat "$T/out")" "was not trusted" "the refusal says so"
ok "$([ ! -s "$T/new_hosts" ]; echo $?)" "nothing was written to known_hosts"

# -- on a terminal, answering yes: trusted once, written hashed, then never asked again
printf 'yes/no\tyes\n' >"$T/answers"
pty_run "$T/answers" "$VOLUNTEER" --config "$VCONF" sync >"$T/out" 2>&1
ok $? "an unknown host, answered yes: the sync works"
like "$(cat "$T/out")" "sent 1, received 0, conflicts 0" "the record went"
is "$(grep -c . "$T/new_hosts")" 1 "one line was written to known_hosts"
like "$(cat "$T/new_hosts")" "^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 " \
	"hashed, as Debian's ssh writes it"
if grep -q "127.0.0.1" "$T/new_hosts"; then r=1; else r=0; fi
is "$r" 0 "the host name is not in the file in the clear"
ssh-keygen -F "[127.0.0.1]:$PORT" -f "$T/new_hosts" >/dev/null
ok $? "ssh-keygen -F finds the host in the line we wrote"
vol add visit business="Casa Rural" >/dev/null
out=$(vol sync </dev/null 2>&1)
is "$out" "sent 1, received 0, conflicts 0" "the next sync needs no terminal"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main | grep -c '^records/visit/')" 6 \
	"every record reached the server"
done_testing
