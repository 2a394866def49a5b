#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The exhaustive sweep of tests/t0710: every write and fsync along an add, an edit, a delete
# and a first sync fails in turn; allocations, every one of the first 3,000, then one in 7.
FAULT_SWEEP=all
export FAULT_SWEEP
exec "${0%/*}/../t0710-fault-store.t"
