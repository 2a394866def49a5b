#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh: every benchmark of bench/ (b-*.sh), one after the other. Figures are printed and
# kept in bench/out/; BENCHMARKS.md reports them as ratios against their baselines.
set -u
here=$(cd "${0%/*}" && pwd)
mkdir -p "$here/out"
status=0
for b in "$here"/b-*.sh; do
	[ -f "$b" ] || continue
	echo "== $(basename "$b")"
	sh "$b" | tee "$here/out/$(basename "$b" .sh).txt" || status=1
done
exit $status
