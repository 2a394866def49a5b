#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A shared folder may hold the index of a pack without the pack: a writer killed between
# the two renames of libgit2's indexer (the .idx is put in place first). Nothing names what
# it holds; a laptop's first sync from that folder passes it over, as git and libgit2 do,
# and takes in every record (it failed with "No such file or directory" and then never
# synced: tests/t0316 met it under load).
. "${0%/*}/lib.sh"

command -v git >/dev/null || skip_all "git is not installed"
R="$T/remote.git"
git init -q --bare "$R" || give_up "a bare repository"
mkvol ana ana --remote "$R"
vol add visit business="Bar Plaza" municipality=Almazán >/dev/null
vol add visit business="Panadería Las Eras" municipality=Almazán >/dev/null
vol sync >/dev/null 2>"$T/err" || give_up "ana's sync: $(cat "$T/err")"
idx=$(ls "$R"/objects/pack/pack-*.idx 2>/dev/null | head -1)
[ -n "$idx" ] || give_up "the folder holds a pack"
cp "$idx" "$R/objects/pack/pack-0123456789abcdef0123456789abcdef01234567.idx"

mkvol bea bea --remote "$R"
out=$(vol sync 2>"$T/err")
is $? 0 "a first sync from a folder with an index and no pack: it works"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
like "$out" "received 4" "every record came (two visits, their two businesses)"
is "$(vol list --all --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" 2 \
	"bea lists the two visits"
git --git-dir="$T/bea/data/repo.git" fsck >"$T/fsck" 2>&1
is $? 0 "bea's local copy is whole (git fsck)"
if [ -e "$T/bea/data/repo.git/objects/pack/pack-0123456789abcdef0123456789abcdef01234567.idx" ]; then r=1; else r=0; fi
is "$r" 0 "the index without its pack was not copied"

done_testing
