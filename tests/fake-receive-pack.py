#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""fake-receive-pack.py: a git:// server on 127.0.0.1 that advertises a branch like git's
receive-pack and upload-pack and answers a push or a fetch with what MODEFILE says, for the
tests of a hostile or broken server (tests/t0346).

    fake-receive-pack.py PORTFILE MODEFILE TIP

TIP is the commit refs/heads/main is advertised at. Each connection reads the modes file
and reads the command and the pack (up to the pack's end, or until the client stops
sending), then answers, in side-band-64k:
    garbage     bytes that are no pkt-lines
    unpack-bad  "unpack index-pack failed" and "ng refs/heads/main unpacker error"
    close       nothing: the connection is closed
    fatal       band 3 with a message that holds terminal escapes
    other-ref   "unpack ok" and "ok refs/heads/other" (nothing of the branch)
    flood       band-2 lines without end (more than a client should read)
    ng-escape   "ng refs/heads/main" with a reason that holds terminal escapes
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


def serve_fetch(conn, mode):
    conn.sendall(pkt(FOREIGN + " HEAD\0multi_ack thin-pack side-band side-band-64k ofs-delta "
                     "shallow no-progress include-tag agent=git/2.39.5\n") +
                 pkt(FOREIGN + " refs/heads/main\n") + b"0000")
    req = read_until(conn, b"done\n", False)
    if not req:
        return
    esc = "\x1b[2J\x1b]0;pwned\x07"
    if mode == "f-garbage":
        conn.sendall(b"\x00\xffnot a pkt-line at all\r\n" * 4)
    elif mode == "f-close":
        pass
    elif mode == "f-err":
        conn.sendall(pkt("ERR access denied" + esc + "\n"))
    elif mode == "f-band3":
        conn.sendall(pkt("NAK\n") + band(3, "out of memory" + esc + "\n"))
    elif mode == "f-badpack":
        conn.sendall(pkt("NAK\n") + band(1, b"PACK\0\0\0\2\0\0\0\3" + b"\x95junk" * 50) + b"0000")
    elif mode == "f-nowant":
        body = b"PACK\0\0\0\2\0\0\0\0"
        conn.sendall(pkt("NAK\n") + band(1, body + hashlib.sha1(body).digest()) + b"0000")


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
        conn.sendall(pkt(adv + " refs/heads/main\0report-status side-band-64k delete-refs "
                         "ofs-delta agent=git/2.39.5\n") + b"0000")
        if mode.startswith("f-"):
            read_request(conn)
            return
        req = read_request(conn)
        with open(modefile + ".commands", "ab") as f:
            f.write(req[:120].split(b"\0")[0] + b"\n")
        esc = "\x1b[2J\x1b]0;pwned\x07"
        if mode == "garbage":
            conn.sendall(b"\x00\xffnot a pkt-line at all\r\n" * 4)
        elif mode == "unpack-bad":
            inner = pkt("unpack index-pack failed\n") + pkt("ng refs/heads/main unpacker error\n") + b"0000"
            conn.sendall(band(1, inner) + b"0000")
        elif mode == "close":
            pass
        elif mode == "fatal":
            conn.sendall(band(3, "disk full" + esc + "\n"))
        elif mode == "other-ref":
            inner = pkt("unpack ok\n") + pkt("ok refs/heads/other\n") + b"0000"
            conn.sendall(band(1, inner) + b"0000")
        elif mode == "flood":
            line = band(2, "remote: counting " + "x" * 900 + "\n")
            try:
                for _ in range(4000):
                    conn.sendall(line)
            except OSError:
                pass
        elif mode == "ng-escape":
            inner = pkt("unpack ok\n") + pkt("ng refs/heads/main closed" + esc + "\n") + b"0000"
            conn.sendall(band(1, inner) + b"0000")
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def main():
    portfile, modefile, tip = sys.argv[1], sys.argv[2], sys.argv[3]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % listener.getsockname()[1])
    import os
    os.rename(portfile + ".tmp", portfile)
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=serve, args=(conn, modefile, tip), daemon=True).start()


if __name__ == "__main__":
    main()
