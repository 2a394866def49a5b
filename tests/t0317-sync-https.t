#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# https:// remotes, against a real TLS server in front of git http-backend (a self-signed
# certificate made here): a certificate that cannot be verified is never accepted and no
# credential is sent; with [sync] ca_file the sync works with the user and the token from
# the environment variable named by token_env; a wrong token is tried twice, then our own
# message; a redirect is not followed; the token is written nowhere.
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
command -v openssl >/dev/null || skip_all "openssl is not installed"
command -v python3 >/dev/null || skip_all "python3 is not installed"
[ -x "$(git --exec-path)/git-http-backend" ] || skip_all "git http-backend is not installed"

SERVER_PID=
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$T"' EXIT

mkdir -p "$T/srv"
git init -q --bare "$T/srv/shared.git"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 \
	-subj "/CN=localhost" -addext "subjectAltName=DNS:localhost" >/dev/null 2>&1 ||
	skip_all "cannot make a certificate"
TOKEN="tok-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

cat >"$T/server.py" <<'EOF'
import base64, http.server, os, ssl, subprocess, sys
root, portfile, cert, key, token, log = sys.argv[1:7]

def logline(s):
    with open(log, "a") as f:
        f.write(s + "\n")

class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                n = int(self.rfile.readline().strip(), 16)
                if n == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(n)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))
    def reply(self, code, headers, data=b""):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def handle_any(self):
        data = self.body()
        path, _, query = self.path.partition("?")
        auth = self.headers.get("Authorization")
        logline("%s %s auth=%s" % (self.command, path, "yes" if auth else "no"))
        if path.startswith("/redir/"):
            port = self.server.server_address[1]
            return self.reply(302, [("Location", "https://127.0.0.1:%d/ok/%s?%s" %
                                     (port, path[7:], query))])
        if auth != "Basic " + base64.b64encode(("ana:" + token).encode()).decode():
            return self.reply(401, [("WWW-Authenticate", 'Basic realm="shared"')])
        env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL="1",
                   PATH_INFO=path[len("/ok"):], QUERY_STRING=query,
                   REQUEST_METHOD=self.command, REMOTE_USER="ana", REMOTE_ADDR="127.0.0.1",
                   CONTENT_TYPE=self.headers.get("Content-Type", ""),
                   CONTENT_LENGTH=str(len(data)))
        out = subprocess.run(["git", "http-backend"], input=data, env=env,
                             capture_output=True).stdout
        head, _, rest = out.partition(b"\r\n\r\n")
        code, headers = 200, []
        for line in head.decode().split("\r\n"):
            k, _, v = line.partition(": ")
            if k.lower() == "status":
                code = int(v.split()[0])
            elif k:
                headers.append((k, v))
        self.reply(code, headers, rest)
    do_GET = do_POST = handle_any

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(portfile, "w").write(str(srv.server_address[1]))
srv.serve_forever()
EOF
python3 "$T/server.py" "$T/srv" "$T/port" "$T/cert.pem" "$T/key.pem" "$TOKEN" "$T/log" \
	2>"$T/server.err" &
SERVER_PID=$!
n=0
while [ ! -s "$T/port" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ -s "$T/port" ] || skip_all "cannot start the https server"
PORT=$(cat "$T/port")
URL="https://localhost:$PORT/ok/shared.git"

mkvol ana ana --remote "$URL"
setkey() { sed -i "s|^$1 = .*|$1 = $2|" "$VCONF"; }
setkey username ana
setkey token_env VOL_TOKEN
setkey timeout 20
vol add visit business="Segura" municipality=Almazán >/dev/null
unsynced() { vol status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unsynced"])'; }

# -- a certificate nobody vouches for: refused before any credential leaves
: >"$T/log"
VOL_TOKEN=$TOKEN vol sync >"$T/out" 2>"$T/err"
is $? 1 "an unverifiable certificate: exit 1"
like "$(cat "$T/err")" "could not be verified" "the message says why"
is "$(grep -c 'auth=yes' "$T/log")" 0 "no credential was sent"
is "$(unsynced)" 2 "the record (and its business) stays unsynced"

# -- with the certificate as ca_file: the sync works, the token from the environment
setkey ca_file "$T/cert.pem"
: >"$T/log"
is "$(VOL_TOKEN=$TOKEN vol sync 2>"$T/err")" "sent 2, received 0, conflicts 0" \
	"https with ca_file, user and token"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
is "$(git --git-dir="$T/srv/shared.git" ls-tree -r --name-only main -- records/ | wc -l)" 2 \
	"the record reached the server"
is "$(unsynced)" 0 "and is clean"

# -- a wrong token: two tries, then our own message
vol add visit business="Otra" municipality=Almazán >/dev/null
: >"$T/log"
VOL_TOKEN=wrong vol sync >"$T/out" 2>"$T/err"
is $? 1 "a wrong token: exit 1"
like "$(cat "$T/err")" "refused the credentials twice" "our message, not an endless loop"
is "$(grep -c 'auth=yes' "$T/log")" 2 "the credentials were tried exactly twice"
is "$(unsynced)" 2 "nothing was marked (the visit and its business)"

# -- no token in the environment: said so, nothing sent
: >"$T/log"
vol sync >"$T/out" 2>"$T/err"
is $? 1 "no token: exit 1"
like "$(cat "$T/err")" "VOL_TOKEN" "the message names the variable to set"
is "$(grep -c 'auth=yes' "$T/log")" 0 "no credential was sent"

# -- a redirect to another host is not followed
: >"$T/log"
VOL_TOKEN=$TOKEN vol sync --remote "https://localhost:$PORT/redir/shared.git" >"$T/out" 2>"$T/err"
is $? 1 "a redirect: exit 1"
if grep -q "/ok/" "$T/log"; then r=1; else r=0; fi
is "$r" 0 "the redirect was not followed"
is "$(grep -c 'auth=yes' "$T/log")" 0 "and no credential went anywhere"

# -- the token is written nowhere
VOL_TOKEN=$TOKEN vol sync >/dev/null 2>&1
if grep -rqa -- "$TOKEN" "$T/ana" "$VCONF"; then r=1; else r=0; fi
is "$r" 0 "the token is in no file of the volunteer (config, database, repo.git)"
if VOL_TOKEN=$TOKEN vol status 2>&1 | grep -q -- "$TOKEN"; then r=1; else r=0; fi
is "$r" 0 "nor in status"

done_testing
