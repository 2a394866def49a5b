#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Secrets stay secret: after syncs over HTTPS with a token (lighttpd, as in t0317, in
# front of git http-backend), the token's bytes are nowhere under the data folder, in no
# object of either repository (git cat-file --batch-all-objects), in no output or log of
# the program, never in the command line of the program or of a child while a sync runs,
# and in the environment of no child the program starts. Then the same for an SSH key's
# passphrase (tests/t0318's server), when an SSH server can run here.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"

HTTPD_PID=
trap 'kill $HTTPD_PID 2>/dev/null; rm -rf "$T"' EXIT
# The HTTPS server of t0317: lighttpd in front of git http-backend, basic auth, a test CA.
https_remote

mkvol ana ana --remote "$URL"
setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
setkey username ana
setkey token_env VOL_TOKEN
setkey timeout 20
setkey ca_file "$T/ca/ca.pem"
mkdir -p "$T/out"

# watch PID OUT: while PID runs, the command lines of it and of its children, and the
# environments of its children, every 20 ms into OUT (NUL bytes as newlines)
watch() {
	: >"$2.cmdline"
	: >"$2.environ"
	: >"$2.children"
	while kill -0 "$1" 2>/dev/null; do
		cat "/proc/$1/cmdline" 2>/dev/null | tr '\0' '\n' >>"$2.cmdline"
		for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
			echo "$c" >>"$2.children"
			cat "/proc/$c/cmdline" 2>/dev/null | tr '\0' '\n' >>"$2.cmdline"
			cat "/proc/$c/environ" 2>/dev/null | tr '\0' '\n' >>"$2.environ"
		done
		sleep 0.02
	done
}

i=1
while [ $i -le 4 ]; do
	vol add visit business="Segura $i" municipality=Almazán contact_name="Nombre $i" \
		>>"$T/out/add.out" 2>>"$T/out/add.err"
	VOL_TOKEN=$TOKEN "$VOLUNTEER" --config "$VCONF" sync >"$T/out/sync$i.out" 2>"$T/out/sync$i.err" &
	pid=$!
	watch "$pid" "$T/out/watch$i"
	wait "$pid"
	ok $? "sync $i over https with the token"
	i=$((i + 1))
done
vol status >"$T/out/status.out" 2>&1
vol status --json >"$T/out/status.json" 2>&1
vol list --all --json >"$T/out/list.json" 2>&1
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ | wc -l)" 8 \
	"the records (four visits, their four businesses) reached the server"
diag "$(cat "$T"/out/watch*.children | sort -u | wc -l) child processes watched"

has() { grep -rqaF -- "$TOKEN" "$@" 2>/dev/null; }
if has "$T/ana"; then r=1; else r=0; fi
is "$r" 0 "the token is nowhere under the data folder or in the config"
for g in "$T/ana/data/repo.git" "$T/srv/shared.git"; do
	git --git-dir="$g" cat-file --batch-all-objects --batch >"$T/objects" 2>/dev/null
	[ -s "$T/objects" ] || give_up "the objects of $g are read"
	if grep -qaF -- "$TOKEN" "$T/objects"; then r=1; else r=0; fi
	is "$r" 0 "the token is in no object of ${g#$T/}"
done
if has "$T"/out/*.out "$T"/out/*.err "$T"/out/*.json; then r=1; else r=0; fi
is "$r" 0 "nor in any output of the program"
if has "$T"/out/*.cmdline; then r=1; else r=0; fi
is "$r" 0 "nor in the command line of the program or its children while they ran"
if has "$T"/out/*.environ; then r=1; else r=0; fi
is "$r" 0 "nor in the environment of a child of the program"

done_testing
