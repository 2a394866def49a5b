#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""shape-relay.py: a TCP relay on 127.0.0.1 that behaves like a village 4G link, for the
benchmarks (bench/b-link.sh). Not a test tool: tests/relay.py is.

    shape-relay.py PORTFILE TARGET_PORT SHAPEFILE STATSFILE

Listens on a free port (written to PORTFILE) and relays each connection to TARGET_PORT.
SHAPEFILE, read at each new connection, holds "RTT_MS KBIT_PER_S" (e.g. "150 1000"): each
direction then delays every byte by half the round-trip time and lets through at most
that many kilobits a second, as a link with a queue does (a chunk waits for the link to
be free, takes its length over the bandwidth to send, then the one-way delay to arrive).
"0 0" relays unshaped.

At the end of each connection one line is appended to STATSFILE:
    conn BYTES_UP BYTES_DOWN TURNS
where TURNS counts request/answer turns: each time the data starts flowing from the
server after the client sent something (a round trip the client had to wait for).
"""
import asyncio
import os
import sys
import time

PIECE = 16384  # bytes sent at once: smaller pieces keep the bandwidth cap smooth


def read_shape(path):
    try:
        rtt, kbit = open(path).read().split()[:2]
        return float(rtt) / 1000.0, float(kbit) * 1000.0 / 8.0
    except (OSError, ValueError):
        return 0.0, 0.0


class Direction:
    """One direction of one connection: a queue of pieces with their arrival times."""

    def __init__(self, delay, rate):
        self.delay, self.rate = delay, rate
        self.free_at = 0.0
        self.queue = asyncio.Queue()

    def push(self, data):
        now = time.monotonic()
        for i in range(0, len(data), PIECE):
            piece = data[i:i + PIECE]
            start = max(now, self.free_at)
            self.free_at = start + (len(piece) / self.rate if self.rate > 0 else 0.0)
            self.queue.put_nowait((self.free_at + self.delay, piece))

    async def deliver(self, writer):
        while True:
            at, piece = await self.queue.get()
            if piece is None:
                break
            wait = at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(piece)
            await writer.drain()
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass


async def handle(client_r, client_w, target, shapefile, statsfile):
    delay_rtt, rate = read_shape(shapefile)
    try:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", target)
    except OSError:
        client_w.close()
        return
    up = Direction(delay_rtt / 2, rate)
    down = Direction(delay_rtt / 2, rate)
    # The TCP handshake (SYN, SYN-ACK) costs one round trip before the client's first
    # byte can leave: the relay accepted at once on loopback, so it is added here.
    up.free_at = time.monotonic() + delay_rtt
    stats = {"up": 0, "down": 0, "turns": 0, "last": None}

    async def read(reader, direction, name):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                stats[name] += len(data)
                if name == "down" and stats["last"] == "up":
                    stats["turns"] += 1
                stats["last"] = name
                direction.push(data)
        except OSError:
            pass
        direction.queue.put_nowait((0.0, None))

    tasks = [
        read(client_r, up, "up"), read(server_r, down, "down"),
        up.deliver(server_w), down.deliver(client_w),
    ]
    try:
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        for w in (server_w, client_w):
            try:
                w.close()
            except OSError:
                pass
        with open(statsfile, "a") as f:
            f.write("conn %d %d %d\n" % (stats["up"], stats["down"], stats["turns"]))


async def main():
    portfile, target, shapefile, statsfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], \
        sys.argv[4]
    server = await asyncio.start_server(
        lambda r, w: handle(r, w, target, shapefile, statsfile), "127.0.0.1", 0)
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % server.sockets[0].getsockname()[1])
    os.rename(portfile + ".tmp", portfile)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
