# Helpers for the tmux tests of the interactive reader (sourced by tui_*.sh).
#
# Each test gets its own tmux server (-L), config, data and state
# directories under a temporary directory, and kills everything it started
# on exit. Waits poll capture-pane for the expected text with a deadline,
# never sleep for a fixed long time.

: "${NEWSREADER:?}" "${NR_SRCDIR:?}"
command -v tmux >/dev/null 2>&1 || { echo "tmux not installed"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/nrtui.XXXXXX")
SOCK="nrtest-$$"
mkdir -p "$T/config/newsreader" "$T/data" "$T/state"
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
# Attributes (the selected row) are visible in capture-pane -e as plain
# reverse video when colours are off.
export NO_COLOR=1
unset BROWSER
CACHE="$T/data/newsreader/cache.db"
SERVER_PID=

tui_cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap tui_cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*"
	echo "--- screen:"
	tmux -L "$SOCK" capture-pane -p -t nr 2>/dev/null
	echo "--- stderr of the reader:"
	cat "$T"/stderr.* 2>/dev/null
	exit 1
}

# tui_start NAME [ARGS...]: run the reader in a new window (or the session's
# first one); its stderr goes to $T/stderr.NAME and its exit code to $T/rc.NAME.
# TUI_ENV="VAR=value ...": extra environment for this reader only (windows
# get the tmux server's environment, not the caller's).
tui_start() {
	name=$1; shift
	rm -f "$T/rc.$name"
	cmd="cd '$T' && ${TUI_ENV:+env $TUI_ENV} '$NEWSREADER' $* 2>'$T/stderr.$name'; echo \$? >'$T/rc.$name'; sleep 600"
	if tmux -L "$SOCK" has-session -t nr 2>/dev/null; then
		tmux -L "$SOCK" new-window -t nr -n "$name" "$cmd"
	else
		tmux -L "$SOCK" -f /dev/null new-session -d -s nr -n "$name" \
		    -x "${TUI_COLS:-100}" -y "${TUI_ROWS:-30}" "$cmd"
	fi
}

screen() {
	tmux -L "$SOCK" capture-pane -p -t "nr:${1:-main}"
}

# The screen with attributes (escape sequences) of window $1.
screen_e() {
	tmux -L "$SOCK" capture-pane -p -e -t "nr:${1:-main}"
}

keys() {
	w=$1; shift
	tmux -L "$SOCK" send-keys -t "nr:$w" "$@"
}

# wait_for WINDOW TEXT [SECONDS]: until the screen contains TEXT (fixed string).
wait_for() {
	deadline=$(( $(date +%s) + ${3:-10} ))
	while :; do
		screen "$1" | grep -qF -- "$2" && return 0
		[ "$(date +%s)" -ge "$deadline" ] && fail "timed out waiting for '$2' in window $1"
		sleep 0.05
	done
}

# wait_row WINDOW ROW TEXT [SECONDS]: until row ROW (1-based) contains TEXT.
wait_row() {
	deadline=$(( $(date +%s) + ${4:-10} ))
	while :; do
		screen "$1" | sed -n "$2p" | grep -qF -- "$3" && return 0
		[ "$(date +%s)" -ge "$deadline" ] && fail "timed out waiting for '$3' on row $2"
		sleep 0.05
	done
}

# wait_gone WINDOW TEXT [SECONDS]
wait_gone() {
	deadline=$(( $(date +%s) + ${3:-10} ))
	while screen "$1" | grep -qF -- "$2"; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "timed out waiting for '$2' to go"
		sleep 0.05
	done
}

# wait_exit NAME [SECONDS]: until the reader of window NAME exited; prints rc.
# reader_pid WINDOW: the pid of the reader in that window (the pane shell's
# child; /proc, not ps: procps may be absent).
reader_pid() {
	_pane=$(tmux -L "$SOCK" display -p -t "nr:$1" '#{pane_pid}')
	_pid=$(awk '{print $1}' "/proc/$_pane/task/$_pane/children" 2>/dev/null)
	[ -n "$_pid" ] || fail "no reader process in $1"
	echo "$_pid"
}

wait_exit() {
	deadline=$(( $(date +%s) + ${2:-10} ))
	while [ ! -s "$T/rc.$1" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "the reader ($1) did not exit"
		sleep 0.05
	done
	cat "$T/rc.$1"
}

# The reader must have exited 0 without a sanitizer report or an error
# message on stderr.
check_clean_exit() {
	rc=$(wait_exit "$1" "${2:-10}")
	[ "$rc" = 0 ] || fail "the reader ($1) exited with $rc"
	grep -qE 'Sanitizer|runtime error|newsreader:' "$T/stderr.$1" &&
	    fail "the reader ($1) reported errors"
	# The terminal is restored: out of the alternate screen, cursor shown.
	[ "$(tmux -L "$SOCK" display -p -t "nr:$1" '#{alternate_on}#{cursor_flag}')" = 01 ] ||
	    fail "the terminal was not restored"
	return 0
}

# The row (0-based) shown in reverse video: the selection.
selected_row() {
	screen_e "$1" | awk '/\033\[([0-9]+;)*7m/ && NR > 1 { print NR - 1; exit }'
}

resize() {
	tmux -L "$SOCK" resize-window -t nr -x "$1" -y "$2"
}

# start_server ROOT [LIFETIME]: the test server on 127.0.0.1 (it stops
# itself after LIFETIME seconds, 120 by default); sets PORT.
start_server() {
	: "${PYTHON3:=python3}"
	"$PYTHON3" "$NR_SRCDIR/tests/server.py" --root "$1" --port-file "$T/port" \
	    --lifetime "${2:-120}" >/dev/null 2>"$T/server.err" &
	SERVER_PID=$!
	deadline=$(( $(date +%s) + 10 ))
	while [ ! -s "$T/port" ]; do
		[ "$(date +%s)" -ge "$deadline" ] && fail "the test server did not start"
		sleep 0.05
	done
	PORT=$(cat "$T/port")
}
