#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# https:// remotes, against lighttpd in front of git http-backend (CGI) with basic auth and
# a certificate of a CA made here: a certificate that cannot be verified is never accepted and no
# credential is sent; with [sync] ca_file the sync works with the user and the token from
# the environment variable named by token_env; a wrong token is tried twice, then our own
# message; a redirect is not followed; the token is written nowhere.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"

HTTPD_PID=
trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT

https_remote
PORT=$HTTPD_PORT
# the request headers, as lighttpd logs them at once (its access log comes later)
log_reset() { : >"$T/httpd/error.log"; }
log_now() { echo "$T/httpd/error.log"; }

mkvol ana ana --remote "$URL"
setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
setkey username ana
setkey token_env VOL_TOKEN
setkey timeout 20
vol add visit business="Segura" municipality=Almazán >/dev/null
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

# -- a certificate nobody vouches for: refused before any credential leaves
log_reset
VOL_TOKEN=$TOKEN vol sync >"$T/out" 2>"$T/err"
is $? 1 "an unverifiable certificate: exit 1"
like "$(cat "$T/err")" "could not be verified" "the message says why"
is "$(grep -c 'Authorization: Basic' "$(log_now)")" 0 "no credential was sent"
is "$(unsynced)" 2 "the record (and its business) stays unsynced"

# -- with the certificate as ca_file: the sync works, the token from the environment
setkey ca_file "$T/ca/ca.pem"
log_reset
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 2, received 0, conflicts 0" \
	"https with ca_file, user and token"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ | wc -l)" 2 \
	"the record reached the server"
is "$(unsynced)" 0 "and is clean"

# -- a wrong token: two tries, then our own message
vol add visit business="Otra" municipality=Almazán >/dev/null
log_reset
VOL_TOKEN=wrong vol sync >"$T/out" 2>"$T/err"
is $? 1 "a wrong token: exit 1"
like "$(cat "$T/err")" "refused the credentials twice" "our message, not an endless loop"
is "$(grep -c 'Authorization: Basic' "$(log_now)")" 2 "the credentials were tried exactly twice"
is "$(unsynced)" 2 "nothing was marked (the visit and its business)"

# -- no token in the environment: said so, nothing sent
log_reset
vol sync >"$T/out" 2>"$T/err"
is $? 1 "no token: exit 1"
like "$(cat "$T/err")" "VOL_TOKEN" "the message names the variable to set"
is "$(grep -c 'Authorization: Basic' "$(log_now)")" 0 "no credential was sent"

# -- a redirect to another host is not followed
log_reset
VOL_TOKEN=$TOKEN vol sync --remote "https://localhost:$PORT/redir/shared.git" >"$T/out" 2>"$T/err"
is $? 1 "a redirect: exit 1"
if grep -q "/ok/" "$(log_now)"; then r=1; else r=0; fi
is "$r" 0 "the redirect was not followed"
is "$(grep -c 'Authorization: Basic' "$(log_now)")" 0 "and no credential went anywhere"

# -- the token is written nowhere
VOL_TOKEN=$TOKEN vol sync >/dev/null 2>&1
if grep -rqa -- "$TOKEN" "$T/ana" "$VCONF"; then r=1; else r=0; fi
is "$r" 0 "the token is in no file of the volunteer (config, database, repo.git)"
if VOL_TOKEN=$TOKEN vol status 2>&1 | grep -q -- "$TOKEN"; then r=1; else r=0; fi
is "$r" 0 "nor in status"

done_testing
