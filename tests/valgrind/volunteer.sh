#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The program under valgrind's memcheck, for `make stress-valgrind` (VOLUNTEER points here):
# any memory error or leak (definite, indirect or possible) makes the run exit 99, which the
# tests see as a failure; each run's report is kept under $VALGRIND_LOGS. Memory still
# reachable at exit (caches of the libraries, freed by the end of the process) is no leak.
here=$(cd "${0%/*}" && pwd)
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
	--suppressions="$here/libraries.supp" \
	--log-file="${VALGRIND_LOGS:-/tmp}/vg.%p.log" \
	"${VALGRIND_PROGRAM:-$here/../../volunteer}" "$@"
