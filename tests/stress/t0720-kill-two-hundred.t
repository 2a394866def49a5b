#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Two hundred kill -9 of a sync and two hundred of a save, two laptops and a git daemon on
# loopback, then a last sync: 0 lost, 0 duplicated, git fsck --full clean on every
# repository (tests/t0316, with KILLS=200 KILL_DAEMON=1).
KILLS=${KILLS:-200}
KILL_DAEMON=1
export KILLS KILL_DAEMON
exec "${0%/*}/../t0316-sync-kill.t"
