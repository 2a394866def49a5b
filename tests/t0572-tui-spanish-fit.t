#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Labels fit at 80x24 with the Spanish catalogue: in the three forms, in the detail view of
# a visit with every field filled and in the footers of the list (volunteer and coordinator),
# the forms, the detail, the help, the figures and the review list, no label and no key hint
# is cut. A footer is whole when it is one msgstr of the catalogue; a form or detail label
# is whole when it is one label.es of the forms or one msgstr.
. "${0%/*}/lib.sh"
. "${0%/*}/tui-lib.sh"
locale -a 2>/dev/null | grep -qi '^es_ES\.utf-\?8$' || skip_all "the es_ES.UTF-8 locale is not generated"
command -v msgunfmt >/dev/null || skip_all "msgunfmt (gettext) is not installed"
MO="$TUI_LOCALEDIR/es/LC_MESSAGES/volunteer.mo"
[ -f "$MO" ] || give_up "a Spanish catalogue is built in $TUI_LOCALEDIR"

# Every whole text the screens may show: the msgstrs, and the forms' Spanish labels.
msgunfmt --no-wrap "$MO" | perl -CSD -ne '
	if (/^msgstr(?:\[\d\])? "(.*)"$/) { my $s = $1; $s =~ s/\\"/"/g; print "$s\n" }' \
	>"$T/whole"
sed -n 's/^label\.es *= *//p; s/^title\.es *= *//p' "$TOP"/forms/*.ini >>"$T/whole"

# cut_lines KIND < SCREEN: the lines whose footer (KIND footer: the last line) or label
# column (KIND labels: text before the first gap of two spaces, after ▸ and before *) is
# not a whole text.
cut_lines() {
	WHOLE="$T/whole" KIND=$1 perl -CSD -Mutf8 -e '
		open my $w, "<:encoding(UTF-8)", $ENV{WHOLE} or die;
		my %whole; while (<$w>) { chomp; $whole{$_} = 1 }
		my @l = <STDIN>; chomp @l;
		if ($ENV{KIND} eq "footer") {
			my $f = $l[-1]; $f =~ s/\s+$//;
			print "$f\n" unless $whole{$f};
			exit;
		}
		# the rows between the two rules, without the help line and the message
		for my $i (3 .. $#l - 3) {
			my $x = $l[$i];
			next unless $x =~ /^[ ▸](\S.*?)(?: \*)?(?:  |$)/;
			my $lab = $1; $lab =~ s/ \*$//;
			next if $lab =~ /^⚠/;
			print "$x\n" unless $whole{$lab};
		}'
}
fits() {	# fits NAME KIND: one TAP test on the screen now shown
	_bad=$(screen | cut_lines "$2")
	_tap_n=$((_tap_n + 1))
	if [ -z "$_bad" ]; then echo "ok $_tap_n - $1: nothing cut at 80 columns"
	else
		echo "not ok $_tap_n - $1: nothing cut at 80 columns"
		_tap_failed=$((_tap_failed + 1))
		printf '%s\n' "$_bad" | sed "s|^|# cut in $1: |"
		screen | sed 's/^/#   /'
	fi
}

mkvol ana
id=$(vol add visit business='Panadería Zeta' municipality=Soria province=Soria \
    date=2026-11-20 duration_min=45 contact_name='Eva Ruiz' contact_phone=975000000 \
    contact_email=eva@example.org consent=yes topics=website sector=food_drink \
    findings='Sin web' recommendations='Perfil en redes' next_steps='Llamar' \
    follow_up=2026-12-20) || give_up "a full visit can be added"
vol add workshop title='Videollamadas Zeta' municipality=Soria attendees=12 \
    date=2026-11-19 >/dev/null || give_up "a workshop can be added"
ES="LANG=es_ES.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE="

tui_start 80 24 $ES
wait_for 'Panadería Zeta' || give_up "the list shows the records"
fits "the list footer" footer
for k in v t w; do
	keys n && wait_for 'v .*t .*w ' && keys $k && wait_for '^ ?▸'
	fits "the form $k" labels
	fits "the form $k footer" footer
	keys Escape && wait_for 'Panadería Zeta'
done
keys 1 && wait_for '\[1 ' && keys Enter && wait_for 'vm-'
fits "the detail of a full visit" labels
fits "the detail footer" footer
keys Escape && wait_for 'Panadería Zeta'
keys '?' && wait_for '↑ ↓ j k'
fits "the help footer" footer
keys Escape && wait_for 'Panadería Zeta'
keys F && wait_for 'Total'
fits "the figures footer" footer
keys Escape && wait_for 'Panadería Zeta'
keys q && tui_wait_exit

sed -i 's/^role = volunteer$/role = coordinator/' "$VCONF"
grep -q '^role = coordinator$' "$VCONF" || printf '[volunteer]\nrole = coordinator\n' >>"$VCONF"
tui_start 80 24 $ES
wait_for 'Panadería Zeta' || give_up "the list shows the records to a coordinator"
fits "the coordinator's list footer" footer
keys R && wait_for '^ \[1 '
fits "the review list footer" footer
keys 4 && sleep 0.3
fits "the conflicts tab footer" footer
keys Escape && wait_for 'Panadería Zeta'
keys q && tui_wait_exit
tui_stderr_clean
ok $? "nothing on stderr from the sanitizers"
done_testing
