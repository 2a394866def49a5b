#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""fake-receive-pack.py: a git:// server on 127.0.0.1 that advertises a branch like git's
receive-pack and upload-pack and answers a push or a fetch with what MODEFILE says, for the
tests of a hostile or broken server (tests/t0346).

    fake-receive-pack.py PORTFILE MODEFILE TIP [CERT KEY]

TIP is the commit refs/heads/main is advertised at. With CERT and KEY it is an HTTPS server
instead (smart HTTP: GET info/refs?service=..., POST git-receive-pack or git-upload-pack),
giving the same answers as the bodies of its responses ("close" closes the connection
without a response). Each connection reads the modes file
and reads the command and the pack (up to the pack's end, or until the client stops
sending), then answers, in side-band-64k:
    garbage     bytes that are no pkt-lines
    unpack-bad  "unpack index-pack failed" and "ng refs/heads/main unpacker error"
    close       nothing: the connection is closed
    fatal       band 3 with a message that holds terminal escapes
    other-ref   "unpack ok" and "ok refs/heads/other" (nothing of the branch)
    flood       band-2 lines without end (more than a client should read)
    ng-escape   "ng refs/heads/main" with a reason that holds terminal escapes
    accept      "unpack ok" and "ok refs/heads/main"; what the pack held goes to
                MODEFILE.pack: "objects N whole W ref-delta-outside M" (M: deltas whose
                base is not in the pack, i.e. a thin pack)
    accept-nothin  the same, with "no-thin" among the capabilities advertised
A mode that begins with "f-" advertises the branch at a commit the client does not have
(FOREIGN below), so that it fetches, and answers the fetch (after its "done"):
    f-garbage   bytes that are no pkt-lines
    f-close     nothing: the connection is closed
    f-err       "ERR" with terminal escapes
    f-band3     band 3 with terminal escapes
    f-badpack   a pack header and then bytes that are no objects
    f-nowant    a valid pack without the commit that was wanted
The client's command line is appended to MODEFILE.commands.
"""
import hashlib
import socket
import sys
import threading
import zlib


def pkt(data):
    if isinstance(data, str):
        data = data.encode()
    return b"%04x" % (len(data) + 4) + data


def band(n, data):
    if isinstance(data, str):
        data = data.encode()
    return pkt(bytes([n]) + data)


def read_until(conn, marker, then_drain):
    """What the client sends up to marker (within 1 MB, 2 s); with then_drain, the rest it
    sends until it pauses (a push's pack, whose end the command does not say)."""
    conn.settimeout(2.0)
    buf = b""
    try:
        while marker not in buf and len(buf) < 1 << 20:
            chunk = conn.recv(65536)
            if not chunk:
                return buf
            buf += chunk
        conn.settimeout(0.3)
        while then_drain and len(buf) < 1 << 24:
            chunk = conn.recv(65536)
            if not chunk:
                break
            buf += chunk
    except socket.timeout:
        pass
    return buf


def read_request(conn):
    """The command pkt-lines, their flush, and the pack."""
    return read_until(conn, b"0000", True)


FOREIGN = "1234567890abcdef1234567890abcdef12345678"


ESC = "\x1b[2J\x1b]0;pwned\x07"


def fetch_advertisement():
    return (pkt(FOREIGN + " HEAD\0multi_ack thin-pack side-band side-band-64k ofs-delta "
                "shallow no-progress include-tag agent=git/2.39.5\n") +
            pkt(FOREIGN + " refs/heads/main\n") + b"0000")


def push_advertisement(adv, mode=""):
    caps = "report-status side-band-64k delete-refs ofs-delta agent=git/2.39.5"
    if mode == "accept-nothin":
        caps += " no-thin"
    return pkt(adv + " refs/heads/main\0" + caps + "\n") + b"0000"


def pack_summary(req):
    """"objects N whole W ref-delta-outside M" of the pack after the commands in req."""
    at = req.find(b"PACK")
    if at < 0:
        return "no pack"
    data = req[at:]
    count = int.from_bytes(data[8:12], "big")
    pos, ids, bases, whole = 12, set(), [], 0
    names = {1: b"commit", 2: b"tree", 3: b"blob", 4: b"tag"}
    for _ in range(count):
        c = data[pos]
        pos += 1
        kind, size, shift = (c >> 4) & 7, c & 15, 4
        while c & 0x80:
            c = data[pos]
            pos += 1
            size |= (c & 0x7F) << shift
            shift += 7
        if kind == 6:		# OFS_DELTA: the base's offset
            c = data[pos]
            pos += 1
            while c & 0x80:
                c = data[pos]
                pos += 1
        elif kind == 7:		# REF_DELTA: the base's id
            bases.append(data[pos:pos + 20])
            pos += 20
        z = zlib.decompressobj()
        body = z.decompress(data[pos:])
        pos = len(data) - len(z.unused_data)
        if kind in names:
            whole += 1
            ids.add(hashlib.sha1(names[kind] + b" %d\0" % len(body) + body).digest())
    outside = sum(1 for b in bases if b not in ids)
    return "objects %d whole %d ref-delta-outside %d" % (count, whole, outside)


def fetch_answer(mode):
    """What a hostile upload-pack answers after the client's "done" (None: close)."""
    if mode == "f-garbage":
        return b"\x00\xffnot a pkt-line at all\r\n" * 4
    if mode == "f-err":
        return pkt("ERR access denied" + ESC + "\n")
    if mode == "f-band3":
        return pkt("NAK\n") + band(3, "out of memory" + ESC + "\n")
    if mode == "f-badpack":
        return pkt("NAK\n") + band(1, b"PACK\0\0\0\2\0\0\0\3" + b"\x95junk" * 50) + b"0000"
    if mode == "f-nowant":
        body = b"PACK\0\0\0\2\0\0\0\0"
        return pkt("NAK\n") + band(1, body + hashlib.sha1(body).digest()) + b"0000"
    return None


def push_answer(mode):
    """What a hostile receive-pack answers to the command and the pack (None: close); the
    flood is a list of chunks."""
    if mode == "garbage":
        return b"\x00\xffnot a pkt-line at all\r\n" * 4
    if mode == "unpack-bad":
        inner = pkt("unpack index-pack failed\n") + pkt("ng refs/heads/main unpacker error\n") + b"0000"
        return band(1, inner) + b"0000"
    if mode == "fatal":
        return band(3, "disk full" + ESC + "\n")
    if mode == "other-ref":
        inner = pkt("unpack ok\n") + pkt("ok refs/heads/other\n") + b"0000"
        return band(1, inner) + b"0000"
    if mode == "flood":
        return [band(2, "remote: counting " + "x" * 900 + "\n")] * 4000
    if mode == "ng-escape":
        inner = pkt("unpack ok\n") + pkt("ng refs/heads/main closed" + ESC + "\n") + b"0000"
        return band(1, inner) + b"0000"
    if mode in ("accept", "accept-nothin"):
        inner = pkt("unpack ok\n") + pkt("ok refs/heads/main\n") + b"0000"
        return band(1, inner) + b"0000"
    return None


def note_push(modefile, mode, req):
    with open(modefile + ".commands", "ab") as f:
        f.write(req[:120].split(b"\0")[0] + b"\n")
    if mode in ("accept", "accept-nothin"):
        try:
            summary = pack_summary(req)
        except (IndexError, ValueError, zlib.error) as e:
            summary = "unreadable pack: %s" % e
        with open(modefile + ".pack", "w") as f:
            f.write(summary + "\n")


def send_all(conn, answer):
    try:
        for chunk in answer if isinstance(answer, list) else [answer]:
            conn.sendall(chunk)
    except OSError:
        pass


def serve_fetch(conn, mode):
    conn.sendall(fetch_advertisement())
    req = read_until(conn, b"done\n", False)
    if not req:
        return
    answer = fetch_answer(mode)
    if answer is not None:
        send_all(conn, answer)


def serve(conn, modefile, tip):
    try:
        first = conn.recv(4096)
        mode = open(modefile).read().strip()
        if b"git-upload-pack" in first:
            serve_fetch(conn, mode)
            return
        if b"git-receive-pack" not in first:
            conn.close()
            return
        adv = FOREIGN if mode.startswith("f-") else tip
        conn.sendall(push_advertisement(adv, mode))
        if mode.startswith("f-"):
            read_request(conn)
            return
        req = read_request(conn)
        note_push(modefile, mode, req)
        answer = push_answer(mode)
        if answer is not None:
            send_all(conn, answer)
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def https_main(portfile, modefile, tip, cert, key):
    import http.server
    import ssl

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def mode(self):
            return open(modefile).read().strip()

        def reply(self, ctype, body):
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Cache-Control", "no-cache")
            if isinstance(body, list):
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in body:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def body(self):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                data = b""
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        self.rfile.readline()
                        return data
                    data += self.rfile.read(size)
                    self.rfile.readline()
            return self.rfile.read(int(self.headers.get("Content-Length", "0")))

        def do_GET(self):
            mode = self.mode()
            if "service=git-upload-pack" in self.path:
                self.reply("application/x-git-upload-pack-advertisement",
                           pkt("# service=git-upload-pack\n") + b"0000" + fetch_advertisement())
            elif "service=git-receive-pack" in self.path:
                adv = FOREIGN if mode.startswith("f-") else tip
                self.reply("application/x-git-receive-pack-advertisement",
                           pkt("# service=git-receive-pack\n") + b"0000" +
                           push_advertisement(adv, mode))
            else:
                self.send_error(404)

        def do_POST(self):
            mode = self.mode()
            req = self.body()
            if self.path.endswith("/git-upload-pack"):
                answer = fetch_answer(mode)
                ctype = "application/x-git-upload-pack-result"
            elif self.path.endswith("/git-receive-pack"):
                note_push(modefile, mode, req)
                answer = push_answer(mode)
                ctype = "application/x-git-receive-pack-result"
            else:
                self.send_error(404)
                return
            if answer is None:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            self.reply(ctype, answer)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    write_port(portfile, server.server_address[1])
    server.serve_forever()


def write_port(portfile, port):
    import os
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(portfile + ".tmp", portfile)


def main():
    portfile, modefile, tip = sys.argv[1], sys.argv[2], sys.argv[3]
    if len(sys.argv) > 5:
        https_main(portfile, modefile, tip, sys.argv[4], sys.argv[5])
        return
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    write_port(portfile, listener.getsockname()[1])
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, modefile, tip), daemon=True).start()


if __name__ == "__main__":
    main()
