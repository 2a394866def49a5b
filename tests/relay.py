#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""relay.py: a TCP relay on 127.0.0.1 in front of a git server, for the tests.

    relay.py PORTFILE TARGET_PORT MODEFILE

Listens on a free port (written to PORTFILE) and relays each connection to TARGET_PORT.
MODEFILE, read at each connection, says what to do with it:
    forward          relay both ways
    drop-push-reply  a push (git-receive-pack) goes through to the server, but what the
                     server answers after the pack (its report) never reaches the client:
                     the link is cut once the server has finished, as a village 4G link
                     that drops just after the upload.
"""
import socket
import sys
import threading


def pipe(src, dst, state, client_side, mode):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if client_side:
                state["chunks"] += 1
                if state["chunks"] == 1 and b"git-receive-pack" in data:
                    state["push"] = True
                elif state["push"] and mode == "drop-push-reply":
                    state["drop"] = True
                dst.sendall(data)
            elif not state["drop"]:
                dst.sendall(data)
    except OSError:
        pass
    finally:
        if client_side:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        else:
            # shutdown first: a close() alone does not reach the peer while the other
            # thread is still blocked reading the same socket.
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


def handle(client, target, modefile):
    try:
        mode = open(modefile).read().strip()
    except OSError:
        mode = "forward"
    try:
        server = socket.create_connection(("127.0.0.1", target))
    except OSError:
        client.close()
        return
    state = {"chunks": 0, "push": False, "drop": False}
    threading.Thread(target=pipe, args=(client, server, state, True, mode),
                     daemon=True).start()
    pipe(server, client, state, False, mode)


def main():
    portfile, target, modefile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % listener.getsockname()[1])
    import os
    os.rename(portfile + ".tmp", portfile)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=handle, args=(client, target, modefile),
                         daemon=True).start()


if __name__ == "__main__":
    main()
