#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-programme-pdf: `volunteer report --format pdf` over 100,000 records of 25 volunteers
# (DESIGN.md: the programme report PDF < 2 s), the whole command: process start, loading
# the PDF module, one pass over the records, the charts and 14 pages. Beside it, the same
# records' `report --csv` (the figures alone), to show what the PDF adds.
set -eu
V=${VOLUNTEER:-./volunteer}
B=${BENCH_BUILD:-build}
N=${BENCH_REPORT_N:-100000}
RUNS=${BENCH_REPORT_RUNS:-7}
. "${0%/*}/lib.sh"
bench_report_data "$N"
median() { bench_median "$RUNS" 0 "$@"; }	# command...: median wall time in ms

cfg="--config $w/v.ini"
pdf=$(median "$V" $cfg report --format pdf --lang es -o "$w/programme.pdf")
csv=$(median "$V" $cfg report --csv)
half=$(median "$V" $cfg report --format pdf --lang es --from 2026-07-01 -o "$w/half.pdf")
pages=$(pdfinfo "$w/programme.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "volunteer report --format pdf at $N records: ${pdf} ms (${pages:-?} pages," \
	"$(wc -c <"$w/programme.pdf") bytes); half a year: ${half} ms"
echo "volunteer report --csv of the same records: ${csv} ms"
python3 -c 'import sys; w = float(sys.argv[1]); print("programme report PDF %.0f ms: target < 2000 ms: %s" % (w, "met" if w < 2000 else "NOT MET"))' "$pdf"
