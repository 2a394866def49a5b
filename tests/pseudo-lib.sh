# SPDX-License-Identifier: GPL-3.0-or-later
# pseudo-lib.sh: a pseudo-locale to prove that every message a person reads is translated.
# Source it after lib.sh:  . "${0%/*}/pseudo-lib.sh"
#
# pseudo_catalogue builds, from po/es.po, a catalogue in which every msgstr is wrapped line
# by line in ⟦ ⟧, installs it as the `es` catalogue of $T/pseudo-locale and points the
# program there (VOLUNTEER_LOCALEDIR, LANG=es_ES.UTF-8). A message still in plain English
# then shows without markers.
#
# pseudo_check NAME TEXT [ALLOW]: one TAP test. Each line of TEXT, once the marked parts, the
# syntax a person types (the program's name, --options, UPPER-CASE placeholders, paths, ids,
# numbers) and whatever matches the extended regex ALLOW (the data the test typed, text of
# the system such as strerror) are taken out, must keep no word: the test fails naming each
# line that does.

pseudo_catalogue() {
	command -v msgfilter >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 ||
		skip_all "gettext tools (msgfilter, msgfmt) are not installed"
	locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "no es_ES.UTF-8 locale"
	PSEUDO_DIR="$T/pseudo-locale"
	mkdir -p "$PSEUDO_DIR/es/LC_MESSAGES" || give_up "cannot make $PSEUDO_DIR"
	# Each line of a msgstr gets its markers, so a multi-line message is marked line by line.
	LC_ALL=C.UTF-8 msgfilter --keep-header -i "$TOP/po/es.po" -o "$T/pseudo.po" \
	    sed -e 's/^/⟦/' -e 's/$/⟧/' 2>"$T/msgfilter.err" ||
		give_up "msgfilter failed: $(cat "$T/msgfilter.err")"
	msgfmt -c -o "$PSEUDO_DIR/es/LC_MESSAGES/volunteer.mo" "$T/pseudo.po" \
	    2>"$T/msgfmt.err" || give_up "msgfmt of the pseudo catalogue: $(cat "$T/msgfmt.err")"
	export VOLUNTEER_LOCALEDIR="$PSEUDO_DIR" LANG=es_ES.UTF-8 LC_ALL=es_ES.UTF-8
	unset LANGUAGE
}

# pseudo_unmarked [ALLOW] < TEXT: print the lines that still hold an unmarked word.
# A message a screen wraps over several lines opens its marker on the first and closes it
# on the last: a line that goes on at the column where the open marker stood is inside it.
pseudo_unmarked() {
	PSEUDO_ALLOW=${1:-} perl -CSD -Mutf8 -ne '
		BEGIN { $open = -1 }
		chomp; my $orig = $_; my $l = $_;
		my $allow = $ENV{PSEUDO_ALLOW}; utf8::decode($allow);
		if ($open >= 0 && length($l) > $open && substr($l, 0, $open) =~ /^[\s│]*$/ &&
		    substr($l, $open, 1) =~ /\S/) {
			my ($head, $rest) = (substr($l, 0, $open), substr($l, $open));
			if ($rest =~ s/^[^⟧]*⟧//) { $open = -1 } else { $rest = "" }
			$l = "$head $rest";
		} else {
			$open = -1;
		}
		$l =~ s/$allow/ /g if length $allow;
		1 while $l =~ s/⟦[^⟦⟧]*⟧/ /g;
		# A screen cuts a message or wraps it: its part before the cut or the wrap
		# holds an opening marker only, the rest of it a closing one only.
		if ($l =~ /⟦[^⟧]*$/) {
			# where the marker stood in the line as shown: a wrapped message goes on there
			$open = rindex($orig, "⟦") if $open < 0;
			$l =~ s/⟦[^⟧]*$/ /;
		}
		$l =~ s/^[^⟦]*⟧/ /;
		$l =~ s/[^⟦⟧\s]*⟧/ /g;
		$l =~ s{\S*/\S*}{ }g;                     # paths and URLs
		$l =~ s/(?<![\w-])--?[A-Za-z][\w-]*(=\S*)?( [a-z]+(\|[a-z]+)+)?/ /g;    # options
		$l =~ s/\bvolunteer( [a-z][a-z-]*)?( merge)?/ /g;  # the program, a command (and subcommand)
		$l =~ s/\b[A-Z][A-Z0-9_]+\b/ /g;           # placeholders (ID, KIND), CSV, PDF
		$l =~ s/\b[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/ /g;   # record ids
		$l =~ s/\b[0-9a-f]*[0-9][0-9a-f]*\b/ /g;   # ids, numbers
		print "$orig\n" if $l =~ /\p{L}{2,}/;
	'
}

pseudo_check() {
	_pc_bad=$(printf '%s\n' "$2" | pseudo_unmarked "${3:-}")
	_tap_n=$((_tap_n + 1))
	if [ -z "$2" ]; then
		echo "not ok $_tap_n - $1: every line is translated (nothing was shown)"
		_tap_failed=$((_tap_failed + 1))
	elif [ -z "$_pc_bad" ]; then
		echo "ok $_tap_n - $1: every line is translated"
	else
		echo "not ok $_tap_n - $1: every line is translated"
		_tap_failed=$((_tap_failed + 1))
		printf '%s\n' "$_pc_bad" | sed "s|^|# unmarked in $1: |"
	fi
}
