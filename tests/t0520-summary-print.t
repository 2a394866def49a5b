#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# volunteer print: the summary goes to `lp`, run without a shell. A stand-in lp first on
# PATH records the arguments it was given and keeps a copy of the file it was sent.
. "${0%/*}/lib.sh"

command -v pdftotext >/dev/null || skip_all "pdftotext not installed (poppler-utils)"

mkvol maria maria --email maria@example.org
mkdir -p "$T/bin" "$T/empty" "$T/work" "$T/tmp"
cd "$T/work" || exit 1
export TMPDIR="$T/tmp"

# The stand-in: one argument a line in lp.args; the file (the last argument) copied.
cat >"$T/bin/lp" <<EOF
#!/bin/sh
printf '%s\n' "\$@" >"$T/lp.args"
for last in "\$@"; do :; done
cp "\$last" "$T/printed.pdf"
echo "request id is Oficina-7 (1 file(s))"
EOF
chmod +x "$T/bin/lp"
# An lp that refuses, as CUPS does for an unknown destination.
mkdir -p "$T/badbin"
cat >"$T/badbin/lp" <<'EOF'
#!/bin/sh
echo "lp: Error - The printer or class does not exist." >&2
echo "second line, not shown" >&2
exit 1
EOF
chmod +x "$T/badbin/lp"

visit=$(vol add visit business='Bar $(touch pwned); Ñandú' municipality=Almazán \
	date=2026-11-20 topics=website recommendations="Abrir Instagram.")
like "$visit" '^[0-9a-f-]{36}$' "a visit to print"

out=$(PATH="$T/bin:$PATH" vol print "$visit" --printer 'Oficina;1')
ok $? "print exits 0"
is "$out" "request id is Oficina-7 (1 file(s))" "lp's answer is shown"
args=$(cat "$T/lp.args" 2>/dev/null)
is "$(printf '%s\n' "$args" | sed -n 1,2p | tr '\n' ' ')" "-d Oficina;1 " \
	"lp got -d and the printer's name, verbatim (no shell)"
like "$(printf '%s\n' "$args" | sed -n 4p)" "^Bar_touch_pwned_Nandu_2026-11-20_en\.pdf$" \
	"the job's title is the summary's file name"
file=$(printf '%s\n' "$args" | tail -n 1)
like "$file" "^$T/tmp/volunteer-summary-.*\.pdf$" "lp got one PDF file, in \$TMPDIR"
[ ! -e "$file" ]
ok $? "the temporary file is removed afterwards"
[ ! -e pwned ] && [ ! -e "$T/pwned" ]
ok $? "nothing in the business name was run"
text=$(pdftotext "$T/printed.pdf" - 2>&1)
like "$text" 'Bar \$\(touch pwned\); Ñandú' "the file lp received is the visit's summary"
like "$text" "Abrir Instagram" "with its recommendations"

# The printer from the config, and --printer over it.
sed -i 's|^printer *=.*|printer = Despacho|' "$VCONF"
rm -f "$T/lp.args"
PATH="$T/bin:$PATH" vol print "$visit" >/dev/null
ok $? "print with [print] printer"
is "$(sed -n 2p "$T/lp.args")" "Despacho" "the config's printer"
PATH="$T/bin:$PATH" vol print "$visit" --printer Recepcion >/dev/null
is "$(sed -n 2p "$T/lp.args")" "Recepcion" "--printer wins over the config"
sed -i 's|^printer *=.*|printer = |' "$VCONF"
PATH="$T/bin:$PATH" vol print "$visit" >/dev/null
is "$(sed -n 1p "$T/lp.args")" "-t" "no printer anywhere: lp's default (no -d)"

# A printer name lp would read as an option is refused before lp runs.
rm -f "$T/lp.args"
PATH="$T/bin:$PATH" vol print "$visit" --printer=-oops 2>"$T/err" >/dev/null
is $? 2 "a printer name starting with '-': exit 2"
[ ! -e "$T/lp.args" ]
ok $? "and lp was not run"

# No lp at all.
PATH="$T/empty" vol print "$visit" 2>"$T/err" >/dev/null
is $? 1 "no lp: exit 1"
like "$(cat "$T/err")" "lp was not found: install cups-client, or use volunteer summary" \
	"no lp: the message says what to do"

# lp fails: its first line of error is shown.
PATH="$T/badbin:$PATH" vol print "$visit" --printer Nadie 2>"$T/err" >/dev/null
is $? 1 "lp fails: exit 1"
like "$(cat "$T/err")" "lp failed: lp: Error - The printer or class does not exist\.$" \
	"lp fails: its first line of error"

# Only visits and workshops have a summary to print.
task=$(vol add task business="Bar Plaza" title="Perfil" municipality=Almazán \
	date=2026-11-20)
PATH="$T/bin:$PATH" vol print "$task" 2>"$T/err" >/dev/null
is $? 2 "printing a task: exit 2"
like "$(cat "$T/err")" "is a task" "the message names the kind"
is "$(ls -A "$T/tmp")" "" "no temporary file left behind, whatever happened"

done_testing
