#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Fifty kill -9 at random moments of a sync, then a last sync (tests/t0316).
KILLS=${KILLS:-50}
export KILLS
exec "${0%/*}/../t0316-sync-kill.t"
