# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: TAP helpers for the shell tests. Source it first:  . "${0%/*}/lib.sh"
#
# Gives: plan N, ok COND-STATUS NAME (use: cmd; ok $? "name"), is GOT WANT NAME,
# like GOT PATTERN NAME (grep -E); each returns 1 when it fails (so: is ... || diag ...),
# skip_all REASON, give_up REASON, diag TEXT, done_testing,
# and a private world per test: $T (a temporary folder, removed at exit), HOME and the
# XDG folders inside it, $VOLUNTEER (the binary under test) and `vol` to run it with
# the test's config ($T/volunteer.ini, see mkvol).

set -u
VOLUNTEER=${VOLUNTEER:-$(cd "${0%/*}/.." && pwd)/volunteer}
TOP=$(cd "${0%/*}/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/volunteer-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset LANGUAGE VOLUNTEER_CONFIG NO_COLOR
mkdir -p "$HOME"
_tap_n=0
_tap_failed=0

plan() { echo "1..$1"; }
diag() { printf '%s\n' "$*" | sed 's/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
ok() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_tap_n - $2"
	else echo "not ok $_tap_n - $2"; _tap_failed=$((_tap_failed + 1)); return 1; fi
}
is() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $_tap_n - $3"
	else
		echo "not ok $_tap_n - $3"
		_tap_failed=$((_tap_failed + 1))
		diag "got:      '$1'" "expected: '$2'"
		return 1
	fi
}
like() {
	_tap_n=$((_tap_n + 1))
	if printf '%s' "$1" | grep -Eq -- "$2"; then echo "ok $_tap_n - $3"
	else
		echo "not ok $_tap_n - $3"
		_tap_failed=$((_tap_failed + 1))
		diag "got:      '$1'" "expected to match: '$2'"
		return 1
	fi
}
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # skip $1"; }
# give_up REASON: a step the rest of the script stands on failed: one "not ok", the plan, a
# failing exit. skip_all is only for a tool that is not installed: a failure of the program
# (or of the test's own setup once the tools are there) must never read as a skip.
give_up() { ok 1 "$*"; done_testing; }
done_testing() {
	echo "1..$_tap_n"
	[ "$_tap_failed" -eq 0 ]
	exit $?
}

# mkvol NAME [ID] [extra init options...]: a volunteer with its own config and data under
# $T/NAME; sets VCONF. Then `vol ARGS` runs the program as that volunteer.
mkvol() {
	_name=$1; _id=${2:-$1}; shift; [ $# -gt 0 ] && shift
	VCONF="$T/$_name/volunteer.ini"
	"$VOLUNTEER" --config "$VCONF" init --id "$_id" --name "Volunteer $_id" \
		--municipality Almazán --data-dir "$T/$_name/data" "$@" >/dev/null
}
vol() { "$VOLUNTEER" --config "$VCONF" "$@"; }

# start_git_daemon BASE [OPTION...]: a git daemon on 127.0.0.1 serving the bare
# repositories under BASE (BASE/shared.git must exist), on a free port, with pushes
# allowed; sets PORT and DAEMON_PID (kill it in the test's EXIT trap). 1 if none starts.
start_git_daemon() {
	_base=$1; shift
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		PORT=$(( $(od -An -N2 -tu2 /dev/urandom) % 30000 + 20000 ))
		git daemon --export-all --enable=receive-pack --base-path="$_base" --reuseaddr \
			--listen=127.0.0.1 --port="$PORT" "$@" "$_base" >"$T/daemon.log" 2>&1 &
		DAEMON_PID=$!
		_n=0
		while [ $_n -lt 50 ]; do
			kill -0 $DAEMON_PID 2>/dev/null || break
			git ls-remote "git://127.0.0.1:$PORT/shared.git" >/dev/null 2>&1 && return 0
			sleep 0.1
			_n=$((_n + 1))
		done
		kill $DAEMON_PID 2>/dev/null
		wait $DAEMON_PID 2>/dev/null
	done
	return 1
}

# remote_lacks GITDIR: the records (at their current revision, or a later one built on it)
# and reviews of the current volunteer's laptop that the branch main of the bare repository
# GITDIR does not hold; prints their count (0: it holds them all) and names each on stderr.
remote_lacks() {
	vol list --all --deleted --json | python3 -c '
import datetime, json, subprocess, sys
gitdir = sys.argv[1]
records = json.load(sys.stdin)
ls = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "-r", "--name-only", "main"],
                    capture_output=True, text=True)
names = ls.stdout.split() if ls.returncode == 0 else []
paths = set(names)
lacks = 0
for r in records:
    ms = int(r["id"].replace("-", "")[:12], 16)
    day = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y/%m/%d")
    p = "records/%s/%s/%s.json" % (r["kind"], day, r["id"])
    if p not in paths:
        lacks += 1
        print("# lacks " + p, file=sys.stderr)
        continue
    f = json.loads(subprocess.run(["git", "--git-dir", gitdir, "show", "main:" + p],
                                  capture_output=True, text=True).stdout)
    # A higher revision on the remote was built on ours (another laptop edited it since).
    if f["rev"] < r["rev"] or (f["rev"] == r["rev"] and
                               (f["updated"], f["deleted"]) != (r["updated"], r["deleted"])):
        lacks += 1
        print("# holds an older %s (rev %d, here %d)" % (p, f["rev"], r["rev"]), file=sys.stderr)
    held = sum(1 for n in names if n.startswith("reviews/%s/" % r["id"]))
    if held < len(r.get("reviews", [])):
        lacks += 1
        print("# lacks a review of " + r["id"], file=sys.stderr)
print(lacks)' "$1"
}

# safe_is_true GITDIR: 0 unless the current laptop's status says "safe" while the remote
# lacks one of its records or reviews (a receipt that lies); prints "safe" or "not safe".
safe_is_true() {
	_safe=$(vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["safe"])')
	if [ "$_safe" = True ]; then
		echo safe
		[ "$(remote_lacks "$1")" = 0 ]
		return $?
	fi
	echo "not safe"
	return 0
}

# record_ids_once GITDIR: 0 when every record id on the branch main is in one file only.
record_ids_once() {
	git --git-dir="$1" ls-tree -r --name-only main -- records/ | sed 's|.*/||' | sort |
		uniq -d | grep -q . && return 1
	return 0
}

# serve_shared_repo: an empty bare shared repository $R (in $BASE) served by git daemon on
# loopback at $URL, stopped at exit with whatever pids are in $AT_EXIT_KILL; a plain git
# user's identity for commits the test makes by hand. A daemon that does not start is a
# failure (give_up), not a skip.
serve_shared_repo() {
	command -v git >/dev/null || skip_all "git is not installed"
	command -v python3 >/dev/null || skip_all "python3 is not installed"
	BASE="$T/srv"
	R="$BASE/shared.git"
	mkdir -p "$BASE"
	git init -q --bare "$R" || give_up "a bare repository can be created"
	start_git_daemon "$BASE" || give_up "git daemon starts on loopback"
	AT_EXIT_KILL="$DAEMON_PID"
	trap 'kill $AT_EXIT_KILL 2>/dev/null; rm -rf "$T"' EXIT
	URL="git://127.0.0.1:$PORT/shared.git"
	export GIT_AUTHOR_NAME=Admin GIT_AUTHOR_EMAIL=admin@example.org
	export GIT_COMMITTER_NAME=Admin GIT_COMMITTER_EMAIL=admin@example.org
}

# start_fake_server PORTFILE [CERT KEY]: tests/fake-receive-pack.py on 127.0.0.1 (over TLS
# with CERT and KEY), answering as the mode in $T/mode says and advertising $TIP; its
# port goes to PORTFILE, and it is added to AT_EXIT_KILL. One that does not start is a
# failure.
start_fake_server() {
	_pf=$1
	shift
	python3 "$TOP/tests/fake-receive-pack.py" "$_pf" "$T/mode" "$TIP" "$@" >"$_pf.log" 2>&1 &
	AT_EXIT_KILL="$AT_EXIT_KILL $!"
	_n=0
	while [ ! -s "$_pf" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ -s "$_pf" ] || give_up "the fake server starts: $(head -3 "$_pf.log")"
}

# start_relay [LOG]: tests/relay.py in front of serve_shared_repo's daemon, its mode file
# $T/mode set to forward, LOG (when given) its connection log (LOG.times, LOG.bytes
# beside it); sets RPORT and URL (the shared repository through the relay) and adds the
# relay to AT_EXIT_KILL. A relay that does not start is a failure.
start_relay() {
	echo forward >"$T/mode"
	python3 "$TOP/tests/relay.py" "$T/relay.port" "$PORT" "$T/mode" ${1:+"$1"} &
	AT_EXIT_KILL="$AT_EXIT_KILL $!"
	_n=0
	while [ ! -s "$T/relay.port" ] && [ $_n -lt 100 ]; do sleep 0.05; _n=$((_n + 1)); done
	RPORT=$(cat "$T/relay.port" 2>/dev/null)
	[ -n "$RPORT" ] || give_up "the relay starts"
	URL="git://127.0.0.1:$RPORT/shared.git"
}

# ---- servers as Debian packages them (sshd, lighttpd, gitolite3) ----

# free_port: a TCP port of 127.0.0.1 that nobody listens on now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_sshd DIR AUTHORIZED_KEYS [sshd_config line...]: openssh-server on 127.0.0.1 with its
# own ed25519 host key DIR/hostkey, on a free port; sets SSHD_PORT and SSHD_PID (add it to
# the EXIT trap). Skips when sshd is not installed or cannot run here (it needs root for its
# privilege separation); an sshd that is there but does not start is give_up.
start_sshd() {
	_dir=$1 _auth=$2
	shift 2
	[ -x /usr/sbin/sshd ] || skip_all "sshd is not installed (openssh-server)"
	command -v ssh-keygen >/dev/null || skip_all "ssh-keygen is not installed"
	[ "$(id -u)" = 0 ] || skip_all "sshd needs root for its privilege separation here"
	mkdir -p /run/sshd "$_dir" 2>/dev/null || skip_all "cannot create /run/sshd"
	[ -f "$_dir/hostkey" ] || ssh-keygen -q -t ed25519 -f "$_dir/hostkey" -N '' ||
		give_up "ssh-keygen makes a host key"
	SSHD_PORT=$(free_port)
	printf '%s\n' "Port $SSHD_PORT" "ListenAddress 127.0.0.1" "HostKey $_dir/hostkey" \
		"AuthorizedKeysFile $_auth" "PasswordAuthentication no" \
		"KbdInteractiveAuthentication no" "PubkeyAuthentication yes" \
		"PermitRootLogin prohibit-password" "StrictModes no" "UsePAM no" \
		"PidFile $_dir/sshd.pid" "LogLevel VERBOSE" "$@" >"$_dir/sshd_config"
	/usr/sbin/sshd -D -e -f "$_dir/sshd_config" 2>"$_dir/sshd.log" &
	SSHD_PID=$!
	_n=0
	while ! grep -q "Server listening" "$_dir/sshd.log" 2>/dev/null && [ $_n -lt 100 ]; do
		sleep 0.05
		_n=$((_n + 1))
	done
	grep -q "Server listening" "$_dir/sshd.log" ||
		give_up "sshd starts: $(head -1 "$_dir/sshd.log")"
}

# set_ssh KEY KNOWN_HOSTS: the current volunteer's [sync] ssh_key and known_hosts.
set_ssh() {
	sed -i "s|^ssh_key = .*|ssh_key = $1|; s|^known_hosts = .*|known_hosts = $2|" "$VCONF"
}

# pty_run ANSWERFILE CMD...: run CMD on a new pseudo-terminal; each line of ANSWERFILE is
# typed after the output so far ends with its prompt, given as "PROMPT<TAB>ANSWER" (PROMPT
# a Python regular expression). Prints what the terminal showed; exits with CMD's status
# (CMD is killed after PTY_RUN_SECONDS, 120: a question nobody answers fails the test,
# and says so on stderr. 30 s could run out for an ASan sync over ssh on a machine that
# ran two suites at once: t0330 failed so once, its refusal's words missing).
pty_run() {
	python3 - "$@" <<'PY'
import os, pty, re, select, sys, time
answers = [l.rstrip("\n").split("\t", 1) for l in open(sys.argv[1]) if l.strip()]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
limit = int(os.environ.get("PTY_RUN_SECONDS", "120"))
seen, typed, deadline = b"", 0, time.time() + limit
while True:
    if time.time() > deadline:
        os.kill(pid, 9)     # a question nobody expected: never hang the suite
        seen += b"\n[pty_run: killed after %d s]\n" % limit
        sys.stderr.write("# pty_run: %s killed after %d s; answers typed: %d of %d\n"
                         % (sys.argv[2], limit, typed, len(answers)))
        break
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
    if typed < len(answers) and re.search(answers[typed][0].encode(), seen[-2000:]):
        os.write(fd, answers[typed][1].encode() + b"\n")
        typed += 1
        seen += b"\n"
_, status = os.waitpid(pid, 0)
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)
PY
}

# make_ca DIR: a certificate authority of the test's own, DIR/ca.pem and DIR/ca.key.
# make_cert DIR NAME SAN: a server certificate DIR/NAME.pem (key DIR/NAME.key) signed by
# it, with subjectAltName SAN (e.g. "DNS:localhost,IP:127.0.0.1").
make_ca() {
	command -v openssl >/dev/null || skip_all "openssl is not installed"
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/ca.key" -out "$1/ca.pem" \
		-days 2 -subj "/CN=Programme test CA" >/dev/null 2>&1 || give_up "openssl makes a CA"
}
make_cert() {
	openssl req -newkey rsa:2048 -nodes -keyout "$1/$2.key" -out "$1/$2.csr" \
		-subj "/CN=$2" >/dev/null 2>&1 &&
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$3" >"$1/$2.ext" &&
	openssl x509 -req -in "$1/$2.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" -CAcreateserial \
		-days 2 -extfile "$1/$2.ext" -out "$1/$2.pem" >/dev/null 2>&1 ||
		give_up "openssl signs a server certificate"
}

# start_lighttpd DIR GIT_ROOT CERT KEY USERS: lighttpd on 127.0.0.1 (a free port) over
# TLS with CERT and KEY, in front of git http-backend (CGI) for the bare repositories under
# GIT_ROOT at /ok/, with basic auth from USERS ("user:password" lines), a redirect at
# /redir/ to /ok/ on 127.0.0.1; every request's headers go to DIR/error.log as they come
# (the access log DIR/access.log, with the bytes each request brought, "in=N", is written
# only about once a second); sets HTTPD_PORT and HTTPD_PID (add it to the EXIT trap). Skips when
# lighttpd is not installed.
start_lighttpd() {
	_dir=$1 _root=$2 _cert=$3 _key=$4 _users=$5
	[ -x /usr/sbin/lighttpd ] || skip_all "lighttpd is not installed"
	_backend="$(git --exec-path)/git-http-backend"
	[ -x "$_backend" ] || skip_all "git http-backend is not installed"
	mkdir -p "$_dir/www"
	HTTPD_PORT=$(free_port)
	cat >"$_dir/lighttpd.conf" <<CONF
server.modules = ( "mod_access", "mod_alias", "mod_redirect", "mod_auth", "mod_authn_file",
	"mod_setenv", "mod_cgi", "mod_openssl", "mod_accesslog" )
server.document-root = "$_dir/www"
server.bind = "127.0.0.1"
server.port = $HTTPD_PORT
server.errorlog = "$_dir/error.log"
accesslog.filename = "$_dir/access.log"
accesslog.format = "%m %U %s in=%I auth=%{Authorization}i"
debug.log-request-header = "enable"
ssl.engine = "enable"
ssl.pemfile = "$_cert"
ssl.privkey = "$_key"
url.redirect = ( "^/redir/(.*)\$" => "https://127.0.0.1:$HTTPD_PORT/ok/\$1" )
alias.url = ( "/ok" => "$_backend" )
\$HTTP["url"] =~ "^/ok" {
	cgi.assign = ( "" => "" )
	setenv.add-environment = ( "GIT_PROJECT_ROOT" => "$_root", "GIT_HTTP_EXPORT_ALL" => "" )
	auth.backend = "plain"
	auth.backend.plain.userfile = "$_users"
	auth.require = ( "" => ( "method" => "basic", "realm" => "shared", "require" => "valid-user" ) )
}
CONF
	/usr/sbin/lighttpd -D -f "$_dir/lighttpd.conf" 2>"$_dir/stderr" &
	HTTPD_PID=$!
	_n=0
	while ! curl_ok "https://127.0.0.1:$HTTPD_PORT/" && [ $_n -lt 100 ]; do
		kill -0 $HTTPD_PID 2>/dev/null || break
		sleep 0.05
		_n=$((_n + 1))
	done
	kill -0 $HTTPD_PID 2>/dev/null || give_up "lighttpd starts: $(head -3 "$_dir/stderr" "$_dir/error.log" 2>/dev/null)"
}

# https_remote: the HTTPS remote of the tests: a bare $T/srv/shared.git that takes pushes,
# served by start_lighttpd with a certificate of a CA made here ($T/ca/ca.pem, for
# [sync] ca_file) to user ana with a fresh TOKEN; sets TOKEN and URL (and HTTPD_PID,
# which the caller's EXIT trap kills).
https_remote() {
	mkdir -p "$T/srv"
	git init -q --bare "$T/srv/shared.git"
	git --git-dir="$T/srv/shared.git" config http.receivepack true
	make_ca "$T/ca"
	make_cert "$T/ca" localhost "DNS:localhost"
	TOKEN="tok-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	echo "ana:$TOKEN" >"$T/users"
	start_lighttpd "$T/httpd" "$T/srv" "$T/ca/localhost.pem" "$T/ca/localhost.key" "$T/users"
	URL="https://localhost:$HTTPD_PORT/ok/shared.git"
}

# curl_ok URL: 0 when something answers TLS at URL (any status).
curl_ok() {
	python3 -c 'import socket,sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); socket.create_connection((p.hostname, p.port), 1).close()' "$1" 2>/dev/null
}

# start_gitolite DIR CONF KEYDIR: gitolite3 as Debian packages it, in a HOME of its own
# (DIR/home), with the keys KEYDIR/NAME.pub and the rules CONF (gitolite.conf), behind a
# test sshd (start_sshd) that logs in as the current user with gitolite's authorized_keys;
# sets GL_URL (ssh://...:PORT/ to which a repository name is appended) and SSHD_*.
# Skips when gitolite3 is not installed.
start_gitolite() {
	_gl=$1/home _conf=$2 _keys=$3
	command -v gitolite >/dev/null || skip_all "gitolite3 is not installed"
	mkdir -p "$_gl"
	ssh-keygen -q -t ed25519 -f "$1/admin" -N '' || give_up "ssh-keygen makes a key"
	HOME=$_gl gitolite setup -pk "$1/admin.pub" >"$1/setup.log" 2>&1 ||
		give_up "gitolite setup: $(tail -1 "$1/setup.log")"
	cp "$_keys"/*.pub "$_gl/.gitolite/keydir/"
	{ printf 'repo gitolite-admin\n    RW+ = admin\n'; cat "$_conf"; } >"$_gl/.gitolite/conf/gitolite.conf"
	HOME=$_gl gitolite setup >>"$1/setup.log" 2>&1 ||
		give_up "gitolite compiles the rules: $(tail -1 "$1/setup.log")"
	# sshd gives its sessions the login user's HOME: gitolite's shell needs its own.
	sed -i "s|command=\"\\([^ ]*gitolite-shell\\)|command=\"env HOME=$_gl \\1|" \
		"$_gl/.ssh/authorized_keys"
	start_sshd "$1/sshd" "$_gl/.ssh/authorized_keys"
	GL_URL="ssh://$(id -un)@127.0.0.1:$SSHD_PORT/"
	echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$1/sshd/hostkey.pub")" >>"$HOME/.ssh/known_hosts"
}

# fts_docs DB: the records the search index has words of (sqlite3 alone, the database
# left as it is).
fts_docs() {
	sqlite3 "$1" "CREATE VIRTUAL TABLE temp.fts_docs USING fts5vocab(main, record_fts,
		instance); SELECT count(DISTINCT doc) FROM temp.fts_docs;"
}

# search_astray DATA_DIR: how far the store's search index is from its rows' text (0: it
# holds exactly what they say; tests/search-astray.c).
search_astray() {
	"${TEST_BUILD:-$TOP/build}/tests/search-astray" "$1"
}

# SQL that takes a database of schema 13 back to 12: a search index that keeps its own
# copy of the text (every string of the fields: near enough the program's, which 13
# makes again from the bodies), under the keys of schema 11, and 11's trigger.
SCHEMA12_SQL="DROP TABLE record_fts;
	CREATE VIRTUAL TABLE record_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
	INSERT INTO record_fts(rowid, text) SELECT (CASE WHEN date GLOB
		'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN CAST(replace(date, '-', '') AS
		INTEGER) ELSE 0 END << 36) | rowid, (SELECT group_concat(value, char(10)) FROM
		json_tree(body, '\$.fields') WHERE type = 'text') FROM record WHERE deleted = 0
		ORDER BY 1;
	CREATE TRIGGER record_fts_move AFTER UPDATE OF date ON record WHEN old.date IS NOT
		new.date BEGIN UPDATE record_fts SET rowid = (CASE WHEN new.date GLOB
		'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN CAST(replace(new.date, '-', '')
		AS INTEGER) ELSE 0 END << 36) | new.rowid WHERE rowid = (CASE WHEN old.date GLOB
		'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN CAST(replace(old.date, '-', '')
		AS INTEGER) ELSE 0 END << 36) | old.rowid; END;"
# SQL that takes a database of schema 13 back to 10 (the search text under its record's
# rowid again, without the trigger of core/schema.sql.h).
SCHEMA10_SQL="$SCHEMA12_SQL DROP TRIGGER record_fts_move;
	CREATE VIRTUAL TABLE record_fts_rowid USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
	INSERT INTO record_fts_rowid(rowid, text) SELECT rowid & 68719476735, text FROM record_fts;
	DROP TABLE record_fts; ALTER TABLE record_fts_rowid RENAME TO record_fts;"
# SQL that takes a database of schema 13 back to 9 (also without the report's columns),
# for the tests of older databases; the version is the caller's.
SCHEMA9_SQL="$SCHEMA10_SQL $(for c in business status follow_up attendees attendees_65plus women \
	duration_min hours sector topics men satisfaction; do
	printf 'ALTER TABLE record DROP COLUMN fig_%s; ' "$c"; done)"
