#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""relay.py: a TCP relay on 127.0.0.1 in front of a git server, for the tests.

    relay.py PORTFILE TARGET_PORT MODEFILE [LOGFILE]

Listens on a free port (written to PORTFILE) and relays each connection to TARGET_PORT.
MODEFILE, read at each connection, says what to do with it:
    forward          relay both ways
    drop-push-reply  a push (git-receive-pack) goes through to the server, but what the
                     server answers after the pack (its report) never reaches the client:
                     the link is cut once the server has finished, as a village 4G link
                     that drops just after the upload.
    race SCRIPT      on a push, once the client has read the server's advertisement and
                     sends its update, run SCRIPT (sh -c) first, then forward: another
                     writer moves the branch between the advertisement and the push. The
                     mode file then says forward, so the race happens once.
    cut-waiting-push when a fetch (git-upload-pack) asks for what it wants while a push
                     connection is open, cut that push connection, as a server that
                     closes an idle connection does; once (the mode file then says
                     forward). The fetch's own connection may have been opened before the
                     push's or beside it: what counts is that the push waits.
    delay MS         forward, but hold the server's first answer on each connection (its
                     advertisement) for MS milliseconds, as a slow link would
With LOGFILE, each connection appends one line when it begins: the service it asks for
(git-upload-pack, git-receive-pack) or "?"; and to LOGFILE.times the same with the time
(seconds, monotonic) before it, so that a test can tell connections opened at once from
connections opened one after the other; and to LOGFILE.bytes, when it ends, the service, the
bytes the client sent and received, and the turns it waited for (each time the server's data
starts to flow after the client sent something): "git-receive-pack UP DOWN TURNS".
"""
import subprocess
import socket
import sys
import threading
import time

OPEN_PUSHES = []  # the sockets of the push connections open now
PUSHES_LOCK = threading.Lock()


def cut_open_pushes(modefile):
    with open(modefile, "w") as f:
        f.write("forward\n")
    with PUSHES_LOCK:
        for s in [s for pair in OPEN_PUSHES for s in pair]:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        OPEN_PUSHES.clear()


def pipe(src, dst, state, client_side, mode):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            state["up" if client_side else "down"] += len(data)
            if client_side:
                state["asked"] = True
            elif state["asked"]:
                state["asked"] = False
                state["turns"] += 1
            if client_side:
                state["chunks"] += 1
                if state["chunks"] == 1:
                    log_service(state, data)
                if state["chunks"] == 1 and b"git-receive-pack" in data:
                    state["push"] = True
                    with PUSHES_LOCK:
                        OPEN_PUSHES.append(state["sockets"])
                elif state["chunks"] == 1 and b"git-upload-pack" in data:
                    state["fetch"] = True
                elif (state["chunks"] == 2 and state["fetch"] and
                      mode == "cut-waiting-push"):
                    cut_open_pushes(state["modefile"])
                elif state["push"] and mode == "drop-push-reply":
                    state["drop"] = True
                elif state["push"] and mode.startswith("race ") and not state["raced"]:
                    state["raced"] = True
                    with open(state["modefile"], "w") as f:
                        f.write("forward\n")
                    subprocess.run(["sh", "-c", mode[5:]], check=False)
                dst.sendall(data)
            elif not state["drop"]:
                if mode.startswith("delay ") and not state["delayed"]:
                    state["delayed"] = True
                    time.sleep(int(mode[6:]) / 1000.0)
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


def log_service(state, data):
    if state["log"] is None:
        return
    name = "?"
    for service in (b"git-upload-pack", b"git-receive-pack"):
        if service in data:
            name = service.decode()
    state["service"] = name
    with open(state["log"], "a") as f:
        f.write(name + "\n")
    with open(state["log"] + ".times", "a") as f:
        f.write("%.3f %s\n" % (time.monotonic(), name))


def handle(client, target, modefile, logfile):
    try:
        mode = open(modefile).read().strip()
    except OSError:
        mode = "forward"
    try:
        server = socket.create_connection(("127.0.0.1", target))
    except OSError:
        client.close()
        return
    state = {"chunks": 0, "push": False, "fetch": False, "drop": False, "raced": False, "delayed": False,
             "modefile": modefile, "log": logfile, "sockets": (client, server),
             "service": "?", "up": 0, "down": 0, "asked": False, "turns": 0}
    up = threading.Thread(target=pipe, args=(client, server, state, True, mode), daemon=True)
    up.start()
    pipe(server, client, state, False, mode)
    up.join(5)
    if logfile is not None:
        with open(logfile + ".bytes", "a") as f:
            f.write("%s %d %d %d\n" % (state["service"], state["up"], state["down"],
                                        state["turns"]))
    with PUSHES_LOCK:
        if state["sockets"] in OPEN_PUSHES:
            OPEN_PUSHES.remove(state["sockets"])


def main():
    portfile, target, modefile = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    logfile = sys.argv[4] if len(sys.argv) > 4 else None
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
        threading.Thread(target=handle, args=(client, target, modefile, logfile),
                         daemon=True).start()


if __name__ == "__main__":
    main()
