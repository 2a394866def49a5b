#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Ids a person can paste: every id that `list` and `sync --dry-run` print is the shortest
# prefix unique in this database (at least 8 characters), and each works in show, edit,
# summary, print, review and delete, even for records made within the same second (their
# first 8 characters are the same) or the same millisecond (a frozen clock).
. "${0%/*}/lib.sh"

command -v faketime >/dev/null || { echo "1..1"; echo "not ok 1 - faketime is installed (Debian package faketime)"; exit 1; }
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

mkvol coord coord --role coordinator --data-dir "$T/shared"
COORD=$VCONF
mkvol ana ana --data-dir "$T/shared"
ANA=$VCONF

# Their businesses first, each by a command of its own: a visit to a new business would
# make it in the visit's own millisecond.
for n in 1 2 3 4 5 6 7; do
	vol add business name="Tienda $n" municipality=Almazán >/dev/null
done
# Three in one millisecond: a clock that stands still (at this very second, so that the
# laptop's clock check lets them through), then four more as fast as they come.
now=$(date -u '+%Y-%m-%d %H:%M:%S')
for n in 1 2 3; do
	TZ=UTC faketime -f "$now" "$VOLUNTEER" --config "$VCONF" add visit \
		business="Tienda $n" municipality=Almazán date=2026-11-21 >/dev/null
done
for n in 4 5 6 7; do
	vol add visit business="Tienda $n" municipality=Almazán date=2026-11-20 >/dev/null
done
is "$(vol list --count)" 7 "seven visits"
is "$(vol list --json | python3 -c 'import json,sys; print(len({r["id"][:8] for r in json.load(sys.stdin)}) < 7)')" \
	True "made so close together that their first 8 characters are shared"

vol list >"$T/list"
ids=$(cut -d' ' -f1 "$T/list")
is "$(printf '%s\n' "$ids" | sort -u | wc -l)" 7 "list prints seven different ids"
is "$(printf '%s\n' "$ids" | awk 'length($0) < 8' | wc -l)" 0 "none shorter than 8 characters"
is "$(printf '%s\n' "$ids" | grep -c -- '-$')" 0 "none ends in a dash"
is "$(printf '%s\n' "$ids" | awk 'length($0) > 13' | wc -l)" 3 \
	"only the ids made in the same millisecond need more than 13"

# Each printed id is the shortest that works: one character less is ambiguous (or under 8).
r=0
for id in $ids; do
	less=${id%?}
	[ "${less#"${less%?}"}" = - ] && less=${less%?}
	if [ ${#less} -ge 8 ]; then
		vol show "$less" >/dev/null 2>&1 && { diag "$less is unique too"; r=1; }
	fi
done
ok $r "no printed id is longer than it must be"

mkdir -p "$T/bin"
printf '#!/bin/sh\necho "request id is lp-1 (1 file(s))"\n' >"$T/bin/lp"
chmod +x "$T/bin/lp"
r_show=0 r_edit=0 r_summary=0 r_print=0 r_review=0
for id in $ids; do
	full=$(vol show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') || r_show=1
	case $full in "$id"*) ;; *) r_show=1 ;; esac
	vol edit "$id" findings="Visto" >/dev/null || { r_edit=1; diag "edit $id"; }
	vol summary "$id" --format txt -o "$T/s.txt" >/dev/null || r_summary=1
	PATH="$T/bin:$PATH" vol print "$id" >/dev/null || r_print=1
	VCONF=$COORD vol review "$id" --ok >/dev/null || r_review=1
done
ok $r_show "show takes every id that list printed"
ok $r_edit "edit takes every id that list printed"
ok $r_summary "summary takes every id that list printed"
ok $r_print "print takes every id that list printed"
ok $r_review "review takes every id that list printed"

# sync --dry-run: the ids it prints (records, and reviews by their record) work as well.
r=0
vol sync --dry-run --remote "$T/usb.git" >"$T/dry" 2>/dev/null
is "$(grep -c '^would send' "$T/dry")" 21 "the dry run lists seven visits, their seven businesses and seven reviews"
for id in $(sed -n 's/^would send \([^ ]*\) .*/\1/p' "$T/dry"); do
	vol show "$id" >/dev/null 2>&1 || { diag "dry run printed $id"; r=1; }
done
ok $r "every id the dry run printed works in show"

r=0
for id in $ids; do
	vol delete "$id" || r=1
done
ok $r "delete takes every id that list printed"
is "$(vol list --count)" 0 "and every visit is gone"
done_testing
