#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The bash completion that `volunteer completion bash` writes, run by bash as it runs it
# on Tab (COMP_WORDS, COMP_CWORD, the function's COMPREPLY): commands, each command's
# options as --help lists them, option values, kinds and fields from the forms, record
# ids from the store, printers from lpstat (a stand-in first on PATH, as CUPS would list).
. "${0%/*}/lib.sh"

command -v bash >/dev/null || skip_all "bash is not installed"

mkvol ana ana
visit=$(vol add visit business=Bar municipality=Soria date=2026-11-20 topics=website)
workshop=$(vol add workshop title=Uno municipality=Soria date=2026-11-21 attendees=3)
"$VOLUNTEER" completion bash >"$T/completion.bash"
ok $? "volunteer completion bash"
mkdir -p "$T/bin"
cat >"$T/bin/lpstat" <<'EOF2'
#!/bin/sh
[ "$1" = -a ] || exit 1
echo "Oficina accepting requests since Mon 30 Nov 2026 09:00:00 CET"
echo "Aula_2 accepting requests since Mon 30 Nov 2026 09:00:00 CET"
EOF2
chmod +x "$T/bin/lpstat"
: >"$T/out.csv"

# comp WORD...: what Tab offers after these words (the last is the one being typed),
# sorted, one line.
comp() {
	PATH="$T/bin:$PATH" bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		_volunteer
		printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' \
		comp "$T/completion.bash" "$VOLUNTEER" "$@" 2>/dev/null
}
C="--config $VCONF"
words() { tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'; }

got=$(bash --norc --noprofile -i -c ". '$T/completion.bash'; complete -p volunteer" 2>/dev/null)
is "$got" "complete -F _volunteer volunteer" "an interactive bash that sources it completes volunteer"

commands=$("$VOLUNTEER" --help | sed -n '/^commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' | words)
is "$(comp "" | words)" "$(printf '%s --config --help --version' "$commands" | words)" \
	"the commands of --help, and the global options"
is "$(comp li)" "list" "a command from its start"
for cmd in list export summary review init; do
	want=$("$VOLUNTEER" $cmd --help | sed -n 's/^  \(-., \)*\(--[a-z-]*\).*/\2/p' | words)
	is "$(comp $C $cmd --)" "$(printf -- '--help %s' "$want" | words)" \
		"the options of $cmd are those of its --help"
done
kinds=$("$VOLUNTEER" $C forms | sed -n 's/^\([a-z_]*\) (.*/\1/p' | words)
is "$(comp $C add "")" "$kinds" "add: the kinds of the forms"
is "$(comp $C forms w)" "workshop" "forms: a kind"
is "$(comp $C list --kind w)" "workshop" "--kind: a kind"
fields=$(vol forms visit | sed -n 's/^  \([a-z_0-9]*\) .*/\1=/p' | words)
is "$(comp $C add visit "")" "$fields" "add visit: every field of the visit form, as FIELD="
is "$(comp $C add visit business=Bar con)" "consent= contact_email= contact_name= contact_phone=" \
	"add visit ... con: the fields starting so"
is "$(HOME="$T/nobody" XDG_CONFIG_HOME="$T/nobody" comp add workshop att)" \
	"attendees= attendees_65plus=" "without a config, the embedded forms' fields"
is "$(comp $C show "")" "$(printf '%s %s' "$visit" "$workshop" | words)" "show: the record ids"
is "$(comp $C delete "${visit%????}")" "$visit" "an id from its prefix"
is "$(comp $C edit "$workshop" att)" "attendees= attendees_65plus=" \
	"edit ID: the fields of that record's kind"
is "$(comp $C edit "$visit" att)" "" "and not those of another kind"
is "$(comp $C review --comment visit "${workshop%????}")" "$workshop" \
	"an option's value is not taken for the operand"
is "$(comp $C print "$visit" --printer "")" "Aula_2 Oficina" "--printer: the printers lpstat lists"
is "$(comp $C print "$visit" --printer O)" "Oficina" "--printer O: those starting so"
is "$(comp $C report --by m)" "month municipality" "--by: the values its usage lists"
is "$(comp $C summary "$visit" --format "")" "pdf txt" "--format: pdf or txt"
is "$(comp $C export -o "$T/out.c")" "$T/out.csv" "-o: a file"
is "$(vol list --ids --kind workshop)" "$workshop" "list --ids: the ids alone, as the filters select"
vol delete "$visit" >/dev/null
is "$(vol list --ids)" "$workshop" "list --ids leaves deleted records out"
is "$(vol list --ids --deleted | sort | tr '\n' ' ')" "$(printf '%s\n' "$visit" "$workshop" | sort | tr '\n' ' ')" \
	"unless --deleted"
is "$(comp help sy)" "sync" "help: a command"
is "$(comp completion "")" "bash" "completion: the shell"
done_testing
