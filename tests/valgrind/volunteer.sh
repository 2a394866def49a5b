#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The program under valgrind's memcheck, for `make stress-valgrind` (VOLUNTEER points here):
# any memory error or leak (definite or indirect) makes the run exit 99, which the tests see
# as a failure; each run's report is kept under $VALGRIND_LOGS. Memory still reachable at
# exit is no leak, nor is "possibly lost" memory, reached by a pointer into its middle: that
# is how ncurses keeps its colour pairs and SQLite its page cache (seen in a sync's network
# child, which ends by _exit with the store open, on purpose: see sync/transport.c).
here=$(cd "${0%/*}" && pwd)
exec valgrind -q --error-exitcode=99 --leak-check=full \
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
	--suppressions="$here/libraries.supp" \
	--log-file="${VALGRIND_LOGS:-/tmp}/vg.%p.log" \
	"${VALGRIND_PROGRAM:-$here/../../volunteer}" "$@"
