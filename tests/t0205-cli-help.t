#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Options and usage come from one table: every command answers --help (exit 0) with the
# options it takes, `volunteer help CMD` says the same, a usage error is one line and a
# hint (told before any config is read), the man page documents every option of the
# table, and the bash completion written from the table completes commands, options and
# kinds.
. "${0%/*}/lib.sh"

cmds=$("$VOLUNTEER" --help | sed -n '/^commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }')
ok "$([ "$(echo "$cmds" | wc -l)" -ge 15 ]; echo $?)" "--help lists the commands ($(echo $cmds))"
bad=
for c in $cmds; do
	out=$("$VOLUNTEER" "$c" --help) || bad="$bad $c(exit)"
	printf '%s' "$out" | head -n 1 | grep -q "^usage: volunteer $c" || bad="$bad $c(usage)"
	[ "$out" = "$("$VOLUNTEER" help "$c")" ] || bad="$bad $c(help)"
done
is "$bad" "" "every command answers --help with its usage, as 'volunteer help CMD' does"
like "$("$VOLUNTEER" help list)" "--unreviewed" "list --help names the filters, --unreviewed among them"
like "$("$VOLUNTEER" help list)" "--deleted" "and --deleted"

"$VOLUNTEER" list --bogus >"$T/out" 2>"$T/err"
is $? 2 "an unknown option: exit 2"
is "$(cat "$T/err")" "volunteer list: unknown option '--bogus'
Try 'volunteer list --help'." "one line and a hint, before any config is read"
"$VOLUNTEER" sync --remote >/dev/null 2>"$T/err"
is "$(head -n 1 "$T/err")" "volunteer sync: --remote needs a value (URL)" "a missing value names the option and what it needs"

missing=$(for c in $cmds; do "$VOLUNTEER" help "$c"; done | python3 -c '
import re, sys
man = open(sys.argv[1]).read()
missing = []
for line in sys.stdin:
    m = re.match(r"  (?:-(\w), )?--([a-z-]+)", line)
    if m and ("\\-\\-" + m.group(2).replace("-", "\\-")) not in man and \
            not (m.group(1) and ("\\-" + m.group(1)) in man):
        missing.append("--" + m.group(2))
print(" ".join(sorted(set(missing))))' "$TOP/man/volunteer.1")
is "$missing" "" "the man page documents every option of the table"

command -v bash >/dev/null || skip_all "bash is not installed"
"$VOLUNTEER" completion bash >"$T/completion.bash"
is $? 0 "volunteer completion bash writes the script"
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _volunteer; echo "${COMPREPLY[*]}"' \
		_ "$T/completion.bash" "$@"
}
is "$(complete_words volunteer sy)" "sync" "bash completes a command"
is "$(complete_words volunteer list --un)" "--unsynced --unreviewed" "bash completes a command's options, filters included"
is "$(complete_words volunteer add w)" "workshop" "bash completes a kind"
is "$(complete_words volunteer list --kind t)" "task" "and a kind after --kind"
is "$(complete_words volunteer forms --he)" "--help" "an option where a kind could come too"
done_testing
