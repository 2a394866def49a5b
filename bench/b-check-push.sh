#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# b-check-push.sh: the time `volunteer check-push` adds to a push, as the pre-receive hook
# of a shared repository of CHECK_SIZE records (default 100000, made by bench/gen-sync in
# the layout of DESIGN.md). Each of CHECK_REPS pushes (default 5) adds one new record in
# one commit, as a laptop's sync does; printed: the median time of the hook alone and of
# the whole `git push` with and without the hook. Not part of make check:
#   make build/bench/gen-sync && sh bench/b-check-push.sh
set -u
here=$(cd "${0%/*}" && pwd)
top=$(cd "$here/.." && pwd)
V=${VOLUNTEER:-$top/volunteer}
B=${BENCH_BUILD:-$top/build}
GEN=$B/bench/gen-sync
N=${CHECK_SIZE:-100000}
REPS=${CHECK_REPS:-5}
W=$(mktemp -d "${TMPDIR:-/tmp}/b-check-push.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export HOME="$W/home" LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME=Peer GIT_AUTHOR_EMAIL=peer@example.org \
	GIT_COMMITTER_NAME=Peer GIT_COMMITTER_EMAIL=peer@example.org
mkdir -p "$HOME"
[ -x "$GEN" ] || { echo "b-check-push: $GEN is missing (make build/bench/gen-sync)"; exit 1; }
[ -d "$B/modules" ] && export VOLUNTEER_MODULEDIR="$B/modules"

now() { date +%s%N; }
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { printf "%.3f", v[int((NR + 1) / 2)] / 1e9 }'; }

"$GEN" gen "$W/shared.git" "$N" >/dev/null || exit 1
# the laptop's side: a bare clone (objects shared), commits made with plumbing
git clone -q --bare "$W/shared.git" "$W/laptop.git" || exit 1

# one_record_commit: a new commit on laptop.git's main adding one valid visit record
one_record_commit() {
	ms=$(( $(date +%s%N) / 1000000 ))
	r=$(od -An -N10 -tx1 /dev/urandom | tr -d ' \n')
	id=$(printf '%08x-%04x-7%s-8%s-%s' $((ms >> 16)) $((ms & 0xffff)) \
		"$(echo "$r" | cut -c1-3)" "$(echo "$r" | cut -c4-6)" "$(echo "$r" | cut -c7-18)")
	iso=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	path="records/visit/$(date -u +%Y/%m/%d)/$id.json"
	blob=$(printf '{\n  "created": "%s",\n  "deleted": false,\n  "device": "git",\n  "fields": {\n    "business": "Bench %s",\n    "municipality": "Almazán"\n  },\n  "id": "%s",\n  "kind": "visit",\n  "rev": 1,\n  "updated": "%s",\n  "volunteer": "peer"\n}\n' \
		"$iso" "$id" "$id" "$iso" | git --git-dir="$W/laptop.git" hash-object -w --stdin)
	GIT_INDEX_FILE="$W/index" git --git-dir="$W/laptop.git" read-tree main
	GIT_INDEX_FILE="$W/index" git --git-dir="$W/laptop.git" update-index --add \
		--cacheinfo "100644,$blob,$path"
	tree=$(GIT_INDEX_FILE="$W/index" git --git-dir="$W/laptop.git" write-tree)
	commit=$(git --git-dir="$W/laptop.git" commit-tree "$tree" -p main -m "one record")
	git --git-dir="$W/laptop.git" update-ref refs/heads/main "$commit"
}
push() { git --git-dir="$W/laptop.git" push -q "$W/shared.git" main:main; }

# without the hook
: >"$W/plain"
for i in $(seq "$REPS"); do
	one_record_commit
	t0=$(now); push || exit 1; t1=$(now)
	echo $((t1 - t0)) >>"$W/plain"
done
# with check-push as pre-receive, timing itself
cat >"$W/shared.git/hooks/pre-receive" <<HOOK
#!/bin/sh
t0=\$(date +%s%N)
'$V' check-push
rc=\$?
echo \$((\$(date +%s%N) - t0)) >>'$W/hook'
exit \$rc
HOOK
chmod +x "$W/shared.git/hooks/pre-receive"
: >"$W/hook"
: >"$W/hooked"
for i in $(seq "$REPS"); do
	one_record_commit
	t0=$(now); push || { echo "b-check-push: the hook refused a valid record"; exit 1; }
	t1=$(now)
	echo $((t1 - t0)) >>"$W/hooked"
done
echo "repository: $N records; $REPS pushes of one record each (medians, seconds)"
echo "check-push (the hook alone):      $(median "$W/hook")"
echo "git push with the hook:           $(median "$W/hooked")"
echo "git push without the hook:        $(median "$W/plain")"
