#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# An https:// remote by IP address, as git and curl accept it: lighttpd in front of git
# http-backend with a certificate whose subjectAltName holds 127.0.0.1, signed by a CA made
# here. Debian's libgit2 1.5 uses mbedTLS, which never matches an address: the sync must
# work by address and by name; a certificate without the address is refused with a message
# that names the address and does not blame ca_file; a CA that did not sign it is named.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
HTTPD_PID= HTTPD1_PID=
trap 'kill $HTTPD1_PID $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT

mkdir -p "$T/srv"
git init -q --bare "$T/srv/shared.git"
git --git-dir="$T/srv/shared.git" config http.receivepack true
make_ca "$T/ca"
make_cert "$T/ca" both "DNS:localhost,IP:127.0.0.1"
make_cert "$T/ca" nameonly "DNS:localhost"
make_ca "$T/otherca"
TOKEN="tok-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
echo "ana:$TOKEN" >"$T/users"
export VOL_TOKEN=$TOKEN
start_lighttpd "$T/httpd" "$T/srv" "$T/ca/both.pem" "$T/ca/both.key" "$T/users"
PORT=$HTTPD_PORT
HTTPD1_PID=$HTTPD_PID
start_lighttpd "$T/httpd2" "$T/srv" "$T/ca/nameonly.pem" "$T/ca/nameonly.key" "$T/users"
PORT2=$HTTPD_PORT

setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }
mkvol ana ana --remote "https://127.0.0.1:$PORT/ok/shared.git"
setkey username ana
setkey token_env VOL_TOKEN
setkey ca_file "$T/ca/ca.pem"

# git itself (curl) accepts the address: the setup is right
GIT_SSL_CAINFO="$T/ca/ca.pem" git ls-remote "https://ana:$TOKEN@127.0.0.1:$PORT/ok/shared.git" \
	>/dev/null 2>&1
ok $? "git (curl) reaches the remote by address with this CA"

vol add visit business="Segura" municipality=Almazán >/dev/null
out=$(vol sync 2>&1)
is "$out" "sent 2, received 0, conflicts 0" "https by IP address with a certificate for it"
is "$(unsynced)" 0 "the record is clean"
vol add visit business="Otra" municipality=Almazán >/dev/null
setkey remote "https://localhost:$PORT/ok/shared.git"
out=$(vol sync 2>&1)
is "$out" "sent 2, received 0, conflicts 0" "the same server by name"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ | wc -l)" 4 \
	"both records (and their two businesses) reached the server"

# -- a certificate for the name only, reached by address: refused, the address named
setkey remote "https://127.0.0.1:$PORT2/ok/shared.git"
vol add visit business="Tercera" municipality=Almazán >/dev/null
vol sync >"$T/out" 2>"$T/err"
is $? 1 "a certificate without the address: exit 1"
like "$(cat "$T/err")" "not for the address 127.0.0.1" "the message names the address"
if grep -q "ca_file" "$T/err"; then r=1; else r=0; fi
is "$r" 0 "and does not blame ca_file, which is right"
is "$(unsynced)" 2 "nothing was sent"

# -- a CA that did not sign the certificate: the message names ca_file
setkey remote "https://127.0.0.1:$PORT/ok/shared.git"
setkey ca_file "$T/otherca/ca.pem"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "another CA: exit 1"
like "$(cat "$T/err")" "not signed by the CA in $T/otherca/ca.pem" "the message names ca_file"
is "$(unsynced)" 2 "nothing was sent"
done_testing
