# SPDX-License-Identifier: GPL-3.0-or-later
# tests/fault/lib.sh: run the program with one call failing (the shim of fault.c). Source it
# after tests/lib.sh:  . "${0%/*}/lib.sh"; . "${0%/*}/fault/lib.sh"
#
# fault_run CALL N DATADIR CMD...  run CMD (a program run, e.g. "$VOLUNTEER" --config ...)
#                    with the Nth CALL (write, fsync, malloc) under DATADIR failing; sets
#                    FAULT_RC (its status), FAULT_FIRED (1 when the fault fired) and leaves
#                    its output in $T/fault.out and $T/fault.err
# fault_points CALL  the values of N a sweep tries, one a line: every one of the first 16,
#                    then ever sparser (x1.5) up to 100000; with FAULT_SWEEP=all every one
#                    (allocations: every one of the first 3,000, then one in 7)
# fault_outcome_ok   0 when the run ended as it must under a fault: 0, or 1 with a message
#                    on stderr that starts "volunteer:", never a crash or a bad-usage 2;
#                    names what it saw in FAULT_WHY
# db_intact DATADIR  PRAGMA integrity_check of DATADIR/volunteer.db says ok
# remote_of_twelve   a bare repository $R ($T/shared.git) that bea (mkvol bea) has synced
#                    12 workshops to; her records, as held writes them, in $T/bea.records
# held DATADIR       the records of a laptop, one a line: id rev fields (as SQLite's json()
#                    writes them)
#
# The shim and AddressSanitizer both replace malloc: under a sanitized build the tests that
# source this file skip (the plain build of `make check` runs them).

[ "${VOLUNTEER_SANITIZED:-0}" = 1 ] && skip_all "the fault shim runs in the plain build only (ASan owns malloc)"
FAULT_SHIM=${TEST_BUILD:-$TOP/build}/tests/libfault.so
[ -f "$FAULT_SHIM" ] || give_up "the fault shim is built ($FAULT_SHIM: make tests)"
command -v sqlite3 >/dev/null || skip_all "sqlite3 is not installed"

fault_run() {
	_call=$1 _n=$2 _dir=$3
	shift 3
	rm -f "$T/fault.mark"
	LD_PRELOAD="$FAULT_SHIM" FAULT_CALL="$_call" FAULT_N="$_n" FAULT_DIR="$_dir" \
		FAULT_MARK="$T/fault.mark" "$@" >"$T/fault.out" 2>"$T/fault.err"
	FAULT_RC=$?
	FAULT_FIRED=0
	[ -f "$T/fault.mark" ] && FAULT_FIRED=1
	return 0
}

fault_points() {
	if [ "${FAULT_SWEEP:-sample}" = all ]; then
		# every write and fsync; every allocation of the first 3,000, then one in 7
		case $1 in
		malloc) awk 'BEGIN { for (n = 1; n <= 3000; n++) print n;
			for (n = 3007; n < 200000; n += 7) print n }' ;;
		*) seq 1 100000 ;;
		esac
		return
	fi
	awk 'BEGIN { for (n = 1; n <= 16; n++) print n;
		for (x = 16; x < 100000; x *= 1.5) print int(x * 1.5) }'
}

fault_outcome_ok() {
	case $FAULT_RC in
	0) FAULT_WHY="exit 0"; return 0 ;;
	1)
		if head -1 "$T/fault.err" | grep -q '^volunteer: .'; then
			FAULT_WHY="exit 1: $(head -1 "$T/fault.err")"
			return 0
		fi
		FAULT_WHY="exit 1 with no message: '$(head -3 "$T/fault.err")'"
		return 1 ;;
	*)
		FAULT_WHY="exit $FAULT_RC: '$(head -3 "$T/fault.err")'"
		return 1 ;;
	esac
}

db_intact() {
	[ "$(sqlite3 "$1/volunteer.db" 'PRAGMA integrity_check' 2>&1)" = ok ]
}

held() {
	sqlite3 "$1/volunteer.db" "SELECT id, rev, json(json_extract(body, '\$.fields')) FROM record ORDER BY id"
}

remote_of_twelve() {
	R="$T/shared.git"
	git init -q --bare "$R" || give_up "a bare repository can be created"
	mkvol bea bea --remote "$R"
	_i=0
	while [ $_i -lt 12 ]; do
		vol add workshop title="Taller $_i" municipality=Berlanga attendees=$((_i + 3)) >/dev/null
		_i=$((_i + 1))
	done
	vol sync >/dev/null 2>"$T/err" || give_up "bea's first sync: $(cat "$T/err")"
	held "$T/bea/data" >"$T/bea.records"
	[ "$(wc -l <"$T/bea.records")" = 12 ] || give_up "bea holds her 12 records"
}
