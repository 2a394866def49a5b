#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The same crowd against a shared folder: pushes to a path move the branch by
# compare-and-swap under the folder's flock (sync/local.c), never with a forced write.
CLIENTS=${CLIENTS:-10} ROUNDS=${ROUNDS:-10} STRESS=1 REMOTE_KIND=path
export CLIENTS ROUNDS STRESS REMOTE_KIND
exec "${0%/*}/../t0312-sync-concurrent.t"
