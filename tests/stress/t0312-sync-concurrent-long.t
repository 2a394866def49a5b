#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Ten volunteers, twenty rounds each, all at once against one git daemon (tests/t0312).
CLIENTS=${CLIENTS:-10} ROUNDS=${ROUNDS:-20} STRESS=1
export CLIENTS ROUNDS STRESS
exec "${0%/*}/../t0312-sync-concurrent.t"
