#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-import-floor.sh: what a first import can cost at the least with this store, against
# `git clone` with a work tree (DESIGN.md's target: the import <= 0.75x the clone). The
# floor is SQLite alone writing what the import writes: the record rows and the search
# index of a store that a real import made, copied row by row into an empty database of
# the same schema (its indexes built after the rows, as the import builds them), in one
# transaction, synchronous=FULL. No git object is read, no file decoded, nothing checked:
# whatever the import does beyond SQLite's writes is above this line. Each round: the
# clone, the import, the floor, one after the other on the same repository. Not a test.
#
#   FLOOR_SIZE=100000   records (bench/gen-sync's repository, made as b-sync.sh makes it)
#   FLOOR_REPS=3        rounds (median, min-max)
#   FLOOR_BEFORE=DIR    a tree built before (DIR/volunteer): its import too, in each round
set -u
here=$(cd "${0%/*}" && pwd)
top=$(cd "$here/.." && pwd)
V=${VOLUNTEER:-$top/volunteer}
B=${BENCH_BUILD:-$top/build}
N=${FLOOR_SIZE:-100000}
REPS=${FLOOR_REPS:-3}
BEFORE=${FLOOR_BEFORE:+$FLOOR_BEFORE/volunteer}
CACHE=${SYNC_CACHE:-$here/out/sync}
W=$(mktemp -d "${TMPDIR:-/tmp}/b-import-floor.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export HOME="$W/home" LC_ALL=C.UTF-8 LANG=C.UTF-8 TZ=UTC
mkdir -p "$HOME" "$CACHE"
command -v sqlite3 >/dev/null || { echo "b-import-floor: sqlite3 is not installed"; exit 1; }

pristine="$CACHE/remote-$N.git"
if [ ! -d "$pristine" ]; then
	git init -q --bare -b main "$pristine" &&
	"$B/bench/gen-sync" stream "$N" 100 | git --git-dir="$pristine" fast-import --quiet &&
	git --git-dir="$pristine" repack -q -a -d ||
		{ echo "b-import-floor: cannot generate $N"; exit 1; }
fi

# cpu_of FILE COMMAND...: run COMMAND; wall and CPU (user + sys) seconds appended to FILE
cpu_of() {
	_f=$1; shift
	_t0=$(date +%s%N)
	/usr/bin/time -f "%U %S" -o "$W/cpu" "$@" >/dev/null 2>"$W/err" ||
		{ echo "b-import-floor: failed: $* $(head -3 "$W/err")"; exit 1; }
	_t1=$(date +%s%N)
	awk -v w=$(( _t1 - _t0 )) '{ printf "%.3f %.3f\n", w / 1e9, $1 + $2 }' "$W/cpu" >>"$_f"
}
# stats FILE COLUMN: median (min-max) of a column of FILE
stats() {
	awk -v c="$2" '{ print $c }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { printf "%.2f s (%.2f-%.2f)", v[int((NR + 1) / 2)], v[1], v[NR] }'
}

# floor DB OUT: the rows of DB's record and record_fts written into the empty OUT of the
# same schema; the indexes of record made after the rows.
floor_sql() {
	sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL AND
		tbl_name IN ('record', 'record_fts') AND name NOT LIKE 'record_fts_%' AND
		type = 'table'" >"$W/tables.sql"
	sqlite3 "$1" "SELECT sql || ';' FROM sqlite_schema WHERE sql IS NOT NULL AND
		tbl_name = 'record' AND type = 'index'" >"$W/indexes.sql"
	{
		echo "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
		cat "$W/tables.sql"
		echo "ATTACH '$1' AS o; BEGIN;"
		echo "INSERT INTO record SELECT * FROM o.record;"
		echo "INSERT INTO record_fts(rowid, text) SELECT rowid, text FROM o.record_fts;"
		cat "$W/indexes.sql"
		echo "COMMIT;"
	} >"$W/floor.sql"
}

: >"$W/clone"; : >"$W/import"; : >"$W/floor"; : >"$W/before"
i=0
while [ $i -lt "$REPS" ]; do
	if [ -n "$BEFORE" ]; then
		rm -rf "$W/r.git" "$W/vol" "$W/vol.ini"
		cp -r "$pristine" "$W/r.git"
		"$BEFORE" --config "$W/vol.ini" init --id bench --name Bench --data-dir "$W/vol" \
			--remote "$W/r.git" >/dev/null || exit 1
		sync; sleep 1
		cpu_of "$W/before" "$BEFORE" --config "$W/vol.ini" sync
	fi
	rm -rf "$W/r.git" "$W/clone-dir" "$W/vol" "$W/vol.ini" "$W/floor.db"*
	cp -r "$pristine" "$W/r.git"
	"$V" --config "$W/vol.ini" init --id bench --name Bench --data-dir "$W/vol" \
		--remote "$W/r.git" >/dev/null || exit 1
	sync; sleep 1
	cpu_of "$W/clone" git clone -q "$W/r.git" "$W/clone-dir"
	sync; sleep 1
	cpu_of "$W/import" "$V" --config "$W/vol.ini" sync
	sync; sleep 1
	[ $i -eq 0 ] && floor_sql "$W/vol/volunteer.db"
	cpu_of "$W/floor" sqlite3 "$W/floor.db" ".read $W/floor.sql"
	i=$((i + 1))
done
rows=$(sqlite3 "$W/floor.db" "SELECT count(*) FROM record")
echo "import floor: $N records ($rows rows), $REPS rounds, median (min-max); wall, then CPU user+sys"
printf "  %-28s %-24s %s\n" "git clone, work tree" "$(stats "$W/clone" 1)" "$(stats "$W/clone" 2)"
printf "  %-28s %-24s %s\n" "volunteer first import" "$(stats "$W/import" 1)" "$(stats "$W/import" 2)"
[ -n "$BEFORE" ] &&
	printf "  %-28s %-24s %s\n" "the tree before" "$(stats "$W/before" 1)" "$(stats "$W/before" 2)"
printf "  %-28s %-24s %s\n" "SQLite floor (rows, index)" "$(stats "$W/floor" 1)" "$(stats "$W/floor" 2)"
med() { awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf "  floor / clone: wall %s, CPU %s; import / clone: wall %s, CPU %s (the target: import <= 0.75)\n" \
	"$(awk -v a="$(med "$W/floor" 1)" -v b="$(med "$W/clone" 1)" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$(med "$W/floor" 2)" -v b="$(med "$W/clone" 2)" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$(med "$W/import" 1)" -v b="$(med "$W/clone" 1)" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$(med "$W/import" 2)" -v b="$(med "$W/clone" 2)" 'BEGIN { printf "%.2f", a / b }')"
[ -n "$BEFORE" ] &&
	printf "  import / the tree before: wall %s, CPU %s\n" \
	"$(awk -v a="$(med "$W/import" 1)" -v b="$(med "$W/before" 1)" 'BEGIN { printf "%.2f", a / b }')" \
	"$(awk -v a="$(med "$W/import" 2)" -v b="$(med "$W/before" 2)" 'BEGIN { printf "%.2f", a / b }')"
exit 0
