#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The command line under a pseudo-locale (every msgstr of po/es.po wrapped in ⟦ ⟧): every
# line a person reads, from --help and each command's --help to usage errors, bad field
# values, a missing config, an unreachable remote, a refused push, a locked store, a bad date,
# the report and status, carries the markers; an English message left out of the catalogue
# fails the test, named. Data the test typed, --json and CSV headers (a contract) are not
# checked for markers.
. "${0%/*}/lib.sh"
. "${0%/*}/pseudo-lib.sh"

serve_shared_repo
pseudo_catalogue
mkvol ana ana --remote "$URL"

# check NAME [--allow REGEX] CMD...: run CMD, check what it prints on both streams.
check() {
	_name=$1; shift
	_allow=
	if [ "$1" = --allow ]; then _allow=$2; shift 2; fi
	_out=$("$@" 2>&1)
	pseudo_check "$_name" "$_out" "$_allow"
}

# The command names and "bash" are syntax in the overview, as the options are.
CMDS='^ +[a-z][a-z-]+ +(?=⟦)|completion bash'
check "volunteer --help" --allow "$CMDS" vol --help
check "volunteer help" --allow "$CMDS" vol help
for c in init add edit delete show list sync status export report summary print review \
    forms check-push help completion; do
	check "volunteer $c --help" --allow "$CMDS" vol "$c" --help
done

check "an unknown command" vol frobnicate
check "an unknown option" vol --frobnicate
check "add without a kind" vol add
check "add of an unknown kind" vol add zebra
check "add of an unknown field" vol add visit nosuch=1
check "add without FIELD=VALUE" vol add visit business
check "a required field left out" vol add visit
check "a bad date" vol add visit business=Panadería municipality=Soria date=31/02/2026
check "a bad number" vol add visit business=Panadería municipality=Soria duration_min=lots
check "a number out of range" vol add visit business=Panadería municipality=Soria duration_min=9999
check "list --from a bad date" vol list --from yesterday
check "list --to before --from" vol list --from 2026-11-20 --to 2026-11-01
check "list --limit" vol list --limit -3
check "show of a short id" vol show zz
check "show of no record" vol show 0123456789abcdef
check "edit without a field" vol edit 0123
check "export without a format" vol export
check "report --by a bad grouping" vol report --by weekday
check "review as a volunteer" vol review 0123 --ok
check "summary without an id" vol summary
check "a missing config" "$VOLUNTEER" --config "$T/nowhere.ini" list
printf '[volunteer]\nid = ana\n[sync]\ntimeout = abc\n' >"$T/bad.ini"
check "a config value of the wrong type" "$VOLUNTEER" --config "$T/bad.ini" list
printf '[volunteer]\nname = Ana\n' >"$T/noid.ini"
check "a config without an id" "$VOLUNTEER" --config "$T/noid.ini" list

id=$(vol add visit business="Panadería Zeta" municipality=Soria date=2026-11-20)
check "the report" --allow '^Soria ' vol report
check "the report by month" vol report --by month
check "status before any sync" --allow ': ana$' vol status
# forms: kind, field names and types are syntax; labels come from the form's label.es.
LABELS=$(sed -n 's/^label\.es *= *//p; s/^title\.es *= *//p' "$TOP"/forms/*.ini |
    sed 's/[][\\.*+?(){}|^$]/\\&/g' | paste -sd'|')
check "forms" --allow "^\\w+|^ +\\w+ +\\w+ +|\\w+(,\\w+)+|$LABELS" vol forms visit

exec 9>>"$T/ana/data/volunteer.lock"
flock -n 9
check "a locked store" vol add visit business=Otra municipality=Soria
exec 9>&-

check "an unreachable folder remote" vol sync --remote "$T/stick/shared.git"
check "an unreachable daemon" --allow "Conexión rehusada" vol sync --remote "git://127.0.0.1:1/shared.git"
cat >"$R/hooks/pre-receive" <<'HOOK'
#!/bin/sh
echo "closed for the night" >&2
exit 1
HOOK
chmod +x "$R/hooks/pre-receive"
check "a refused push" --allow 'closed for the night|pre-receive hook declined|\[remote rejected\]' \
    vol sync
rm "$R/hooks/pre-receive"
# "sent N, received N, conflicts N" is the line DESIGN.md fixes for scripts.
check "a sync that goes through" --allow '^sent \d+, received \d+, conflicts \d+$' vol sync
check "status after a sync" --allow ': ana$|: git://\S+' vol status
check "edit of a deleted record" sh -c "'$VOLUNTEER' --config '$VCONF' delete $id >/dev/null &&
    '$VOLUNTEER' --config '$VCONF' edit $id business=X"

# The markers are the test's own: the catalogue in use is the pseudo one.
like "$(vol add 2>&1)" "⟦" "the pseudo catalogue is the one in use"
done_testing
