#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/t0711 over 100 adds (and 25 edits): a power cut at each of their fsyncs.
ADDS=${ADDS:-100}
export ADDS
exec "${0%/*}/../t0711-fault-torn.t"
