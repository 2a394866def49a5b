#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pty_capture.py: the bytes a program writes to its terminal, and what is wrong in them.

  pty_capture.py run OUT [--keys K1,K2,...] [--cols 80 --rows 24] -- CMD...
      run CMD on a new pty (TERM=xterm-256color), type each key after the output has
      been quiet for 0.25 s (names: q Enter Down Escape Tab, else the text itself), and
      write every byte it wrote to OUT
  pty_capture.py check FILE [--tui]
      print one line per injected escape, C1 byte, bidi or zero-width control, or invalid
      UTF-8 in FILE; exit 1 when there is any. A CR is allowed only before a newline (the
      pty writes "\r\n" for "\n", a CSV ends its lines with CRLF). With --tui, the sequences curses itself
      writes are allowed (CSI with the finals it uses, charset and keypad escapes, CR and
      BS for moving the cursor); without it (a command's output), no escape but SGR.
"""
import os, pty, select, sys, time

KEYS = {"q": b"q", "Enter": b"\r", "Down": b"\x1b[B", "Escape": b"\x1b", "Tab": b"\t",
        "F2": b"\x1bOQ", "y": b"y"}
HOSTILE = set(range(0x80, 0xA0)) | {0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
    0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068,
    0x2069, 0xFEFF}
# CSI finals curses writes for xterm-256color (cup, el, ed, sgr, modes, scrolling, ...)
CURSES_CSI = set("@ABCDEFGHJKLMPSTXZ`abdeghlmr")
# and, whole, the title-stack push and pop of xterm's smcup and rmcup
CURSES_CSI_WHOLE = {"\x1b[22;0;0t", "\x1b[23;0;0t"}


def run(out, keys, cols, rows, cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["COLUMNS"], os.environ["LINES"] = str(cols), str(rows)
        os.execvp(cmd[0], cmd)
    import fcntl, struct, termios
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    data = bytearray()
    keys = list(keys)
    deadline = time.time() + 60
    quiet = time.time()
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
            quiet = time.time()
        elif keys and time.time() - quiet > 0.25:
            k = keys.pop(0)
            os.write(fd, KEYS.get(k, k.encode()))
            quiet = time.time()
    _, status = os.waitpid(pid, 0)
    open(out, "wb").write(bytes(data))
    return os.waitstatus_to_exitcode(status)


def check(data, tui):
    problems = []
    text = data.decode("utf-8", errors="surrogateescape")
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        o = ord(c)
        if 0xDC80 <= o <= 0xDCFF:
            problems.append("invalid UTF-8 byte 0x%02x at %d" % (o - 0xDC00, i))
        elif o in HOSTILE:
            problems.append("U+%04X at %d" % (o, i))
        elif c == "\x1b":
            nxt = text[i + 1] if i + 1 < n else ""
            if nxt == "[":
                j = i + 2
                while j < n and "\x30" <= text[j] <= "\x3f":
                    j += 1
                while j < n and "\x20" <= text[j] <= "\x2f":
                    j += 1
                final = text[j] if j < n else ""
                seq = text[i:j + 1]
                if not tui and final != "m":
                    problems.append("escape %r at %d" % (seq, i))
                elif tui and final not in CURSES_CSI and seq not in CURSES_CSI_WHOLE:
                    problems.append("escape %r at %d" % (seq, i))
                i = j
            elif tui and nxt in "()" and i + 2 < n:
                i += 2
            elif tui and nxt in "=>78M":
                i += 1
            else:
                problems.append("escape %r at %d" % (text[i:i + 8], i))
        elif c == "\r" and text[i + 1:i + 2] in ("\n", "\r"):
            pass    # the terminal's own newline (onlcr), and a CSV's CRLF before it
        elif o < 0x20 and c not in "\n" and not (tui and c in "\r\b\x07\x0f\x0e\t"):
            if not (c == "\t" and not tui):
                problems.append("control 0x%02x at %d" % (o, i))
        elif o == 0x7f:
            problems.append("DEL at %d" % i)
        i += 1
    return problems


def main(argv):
    if argv[1] == "run":
        out = argv[2]
        rest = argv[3:]
        keys, cols, rows = [], 80, 24
        while rest and rest[0] != "--":
            if rest[0] == "--keys":
                keys = [k for k in rest[1].split(",") if k]
            elif rest[0] == "--cols":
                cols = int(rest[1])
            elif rest[0] == "--rows":
                rows = int(rest[1])
            rest = rest[2:]
        return 0 if run(out, keys, cols, rows, rest[1:]) == 0 else 1
    if argv[1] == "check":
        problems = check(open(argv[2], "rb").read(), "--tui" in argv[3:])
        for p in problems[:20]:
            print(p)
        return 1 if problems else 0
    return 2


sys.exit(main(sys.argv))
