#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The system's CA bundle is not read by a sync that needs no TLS (libgit2's mbedTLS parsed
# all of it at every start: most of the instructions of a sync of one record), and https://
# still trusts what the system trusts: without [sync] ca_file the certificate is verified
# against the system's CAs (SSL_CERT_FILE names them here, as OpenSSL reads it), and a
# certificate they do not vouch for is refused before any credential leaves.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v strace >/dev/null || skip_all "strace is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"

HTTPD_PID=
trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT
BUNDLE=/etc/ssl/certs/ca-certificates.crt
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

# -- a folder remote: the sync works and opens no CA file
R="$T/remote.git"
git init -q --bare "$R" || give_up "cannot create a bare repository"
mkvol ana ana --remote "$R"
vol add visit business="Bar Plaza" municipality=Almazán >/dev/null
is "$(strace -f -qq -o "$T/trace" -e trace=open,openat "$VOLUNTEER" --config "$VCONF" sync \
	2>"$T/err")" "sent 2, received 0, conflicts 0" "a sync to a folder under strace"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
# the trace is real: it holds the database the sync wrote to
if grep -q "$T/ana/data/" "$T/trace"; then r=0; else r=1; fi
is "$r" 0 "the trace records the files the sync opened"
if grep -q 'ca-certificates\|/etc/ssl/certs' "$T/trace"; then r=1; else r=0; fi
is "$r" 0 "no CA bundle was opened"
[ "$r" = 0 ] || diag "$(grep 'ca-certificates\|/etc/ssl' "$T/trace" | head -3)"

# -- https:// without ca_file: the system's CAs decide
https_remote
mkvol bea bea --remote "$URL"
setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
setkey username ana
setkey token_env VOL_TOKEN
setkey timeout 20
vol add visit business="Segura" municipality=Almazán >/dev/null
: >"$T/httpd/error.log"
VOL_TOKEN=$TOKEN vol sync >"$T/out" 2>"$T/err"
is $? 1 "a CA the system does not hold: the sync fails"
like "$(cat "$T/err")" "could not be verified" "the message says the identity could not be verified"
is "$(grep -c 'Authorization: Basic' "$T/httpd/error.log")" 0 "no credential was sent"
is "$(unsynced)" 2 "the record stays unsynced"

is "$(SSL_CERT_FILE="$T/ca/ca.pem" VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" \
	"sent 2, received 0, conflicts 0" "the same CA among the system's: the sync works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
is "$(unsynced)" 0 "and the record is clean"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ | wc -l)" 2 \
	"the record reached the server"

# -- another CA among the system's does not vouch for this server
make_ca "$T/other"
vol add visit business="Otra" municipality=Almazán >/dev/null
SSL_CERT_FILE="$T/other/ca.pem" VOL_TOKEN=$TOKEN vol sync >"$T/out" 2>"$T/err"
is $? 1 "a system trust store without the server's CA: refused"
is "$(unsynced)" 2 "nothing was marked"

done_testing
