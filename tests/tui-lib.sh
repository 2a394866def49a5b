# SPDX-License-Identifier: GPL-3.0-or-later
# tui-lib.sh: drive the terminal UI in a private tmux server. Source it after lib.sh:
#   . "${0%/*}/lib.sh"; . "${0%/*}/tui-lib.sh"
#
# tui_start [WIDTH HEIGHT [ENV=VALUE...]]   start "$VOLUNTEER --config $VCONF" in a pane
# keys KEY...        tmux key names (Enter, Tab, BTab, Escape, F2, C-s, Down...)
# typein TEXT        literal text
# screen             the pane as text (capture-pane -p)
# wait_for ERE [S]   poll the screen until it matches (default 10 s, more under ASan);
#                    returns 1 and shows the screen in a diagnostic when it never does
# wait_until CMD...  the same wait for a command (rows_are, a test's own check)
# rows_are N ERE...  row N of the screen matches ERE, for each pair
# tui_ready          the program has started and waits in the list, no dialog open
# tui_wait_exit      wait until the program has left (after q)
# tui_kill9          kill -9 the program
# tui_stderr_clean   the program's stderr holds no sanitizer report
#
# The server is killed at exit, and $T removed as lib.sh does.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

# Each start gets a server of its own: a server being killed may still hold its socket
# when the next one starts.
TUI_N=0
TM="tmux -L vtui$$-0 -f /dev/null"
unset TMUX
tui_cleanup() {
	_i=1
	while [ $_i -le $TUI_N ]; do
		tmux -L "vtui$$-$_i" kill-server >/dev/null 2>&1
		_i=$((_i + 1))
	done
	rm -rf "$T"
}
trap tui_cleanup EXIT
TUI_WAIT=10
[ "${VOLUNTEER_SANITIZED:-0}" = 1 ] && TUI_WAIT=30
TUI_LOCALEDIR=${VOLUNTEER_LOCALEDIR:-$TOP/build/locale}

tui_start() {
	_w=${1:-80}; _h=${2:-24}
	[ $# -ge 2 ] && shift 2
	$TM kill-server >/dev/null 2>&1
	TUI_N=$((TUI_N + 1))
	TM="tmux -L vtui$$-$TUI_N -f /dev/null"
	# exec: the pane's process is the program itself (for kill -9); stderr is kept; the
	# current folder is the test's (summaries land there).
	$TM new-session -d -x "$_w" -y "$_h" -c "$T" \
		"exec env VOLUNTEER_LOCALEDIR='$TUI_LOCALEDIR' $* '$VOLUNTEER' --config '$VCONF' 2>>'$T/tui-stderr'" \
		\; set-option -g remain-on-exit on >/dev/null 2>&1
}

keys() { $TM send-keys -t 0 "$@"; }
typein() { $TM send-keys -t 0 -l "$1"; }
screen() { $TM capture-pane -p -t 0 2>/dev/null; }

wait_for() {
	_pat=$1; _max=${2:-$TUI_WAIT}; _i=0
	_tries=$((_max * 20))
	while [ $_i -lt $_tries ]; do
		if screen | grep -Eq -- "$_pat"; then return 0; fi
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "waited for '$_pat'; the screen was:"
	diag "$(screen)"
	return 1
}

# A fixed sleep after a key either flakes on a loaded machine or passes by luck: wait for
# what the key must show, within the same deadline as wait_for (timed: CMD may be slow).
wait_until() {
	_end=$(($(date +%s) + TUI_WAIT))
	until "$@"; do
		if [ "$(date +%s)" -gt "$_end" ]; then
			diag "waited until '$*'; the screen was:"
			diag "$(screen)"
			return 1
		fi
		sleep 0.05
	done
}

rows_are() {
	_s=$(screen)
	while [ $# -ge 2 ]; do
		printf '%s\n' "$_s" | sed -n "${1}p" | grep -Eq -- "$2" || return 1
		shift 2
	done
}

# The first screen is drawn before the start is over (a draft is offered after it): `?`
# opens the help only once the program reads keys in the list (a dialog ignores `?`).
tui_ready() {
	keys '?' && wait_for '^ Keys' && keys Escape && wait_for '^n new'
}

tui_pid() { $TM display -p -t 0 '#{pane_pid}'; }

tui_wait_exit() {
	_i=0
	while [ $_i -lt $((TUI_WAIT * 20)) ]; do
		[ "$($TM display -p -t 0 '#{pane_dead}' 2>/dev/null)" = 1 ] && return 0
		$TM has-session 2>/dev/null || return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	diag "the program did not exit; the screen was:"
	diag "$(screen)"
	return 1
}

tui_kill9() {
	kill -9 "$(tui_pid)" 2>/dev/null
	tui_wait_exit
}

tui_stderr_clean() {
	! grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error' "$T/tui-stderr" 2>/dev/null
}
