# shellcheck shell=bash
# Helpers to run the real Tawsim window under Xvfb and drive it with
# xdotool. Sourced by smoke.sh and screenshot.sh (bash). Every wait is
# bounded, and xapp_cleanup (installed as an EXIT trap by xapp_init) stops
# whatever was started, so a CI run can neither hang nor leave processes.
#
# Under Xvfb there is no window manager: the window has no decorations and
# sits at the screen's origin, and keyboard focus follows the pointer
# (PointerRoot). Fyne's GLFW driver only sees a drag when the pointer moves
# while the button is down, so drags move in several steps with short
# sleeps. Coordinates below are relative to the window (xdotool --window).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/bin
XAPP_TMP=""
XAPP_OUT=""
XAPP_KEEP=0 # keep $XAPP_OUT on exit (set when SMOKE_OUT is given or a check fails)
XVFB_PID=""
APP_PID=""
DISP=""
WID=""

say() { printf '%s: %s\n' "${XAPP_NAME:-xapp}" "$*" >&2; }
die() {
	say "FAIL: $*"
	XAPP_KEEP=1
	exit 1
}

# xdo runs xdotool with a time limit: --sync waits forever otherwise.
xdo() { timeout 15 xdotool "$@"; }

xapp_init() {
	for t in Xvfb xdotool import compare convert xdpyinfo timeout; do
		command -v "$t" >/dev/null 2>&1 || die "$t is missing; run ./scripts/deps.sh smoke (xvfb xdotool imagemagick x11-utils)"
	done
	[ -x "$BIN/tawsim" ] && [ -x "$BIN/tawsimctl" ] || die "bin/tawsim and bin/tawsimctl are missing; run make build"
	XAPP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tawsim-smoke.XXXXXX")
	if [ -n "${SMOKE_OUT:-}" ]; then
		XAPP_OUT=$SMOKE_OUT
		XAPP_KEEP=1
	else
		XAPP_OUT=$XAPP_TMP/out
	fi
	mkdir -p "$XAPP_OUT"
	trap xapp_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM HUP
}

# stop PID NAME: TERM, up to 5 s, then KILL; always reaps.
stop() {
	local pid=$1 i
	[ -n "$pid" ] || return 0
	kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
	kill -TERM "$pid" 2>/dev/null
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		say "$2 ignored SIGTERM; killing it"
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null || true
}

xapp_cleanup() {
	local rc=$?
	trap - EXIT INT TERM HUP
	stop "$APP_PID" tawsim
	APP_PID=""
	stop "$XVFB_PID" Xvfb
	XVFB_PID=""
	[ "$rc" -ne 0 ] && XAPP_KEEP=1
	if [ "$XAPP_KEEP" = 1 ] && [ "$XAPP_OUT" = "$XAPP_TMP/out" ]; then
		# Keep the screenshots and logs of a failed run; drop the rest.
		local keep
		keep=$(mktemp -d "${TMPDIR:-/tmp}/tawsim-smoke-out.XXXXXX")
		cp -r "$XAPP_OUT"/. "$keep"/ 2>/dev/null
		XAPP_OUT=$keep
	fi
	[ -n "$XAPP_TMP" ] && rm -rf "$XAPP_TMP"
	[ "$XAPP_KEEP" = 1 ] && say "screenshots and logs kept in $XAPP_OUT"
	exit "$rc"
}

# xapp_xvfb starts Xvfb on the first free display from 97 up (no socket
# and no lock file), retrying if another server takes it meanwhile.
xapp_xvfb() {
	local n i
	for n in $(seq 97 140); do
		[ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
		Xvfb ":$n" -screen 0 1280x800x24 -dpi 96 -nolisten tcp -noreset >"$XAPP_OUT/xvfb.log" 2>&1 &
		XVFB_PID=$!
		for i in $(seq 50); do
			kill -0 "$XVFB_PID" 2>/dev/null || break
			if timeout 5 xdpyinfo -display ":$n" >/dev/null 2>&1; then
				DISP=:$n
				export DISPLAY=$DISP
				say "Xvfb on $DISP (pid $XVFB_PID)"
				return 0
			fi
			sleep 0.1
		done
		stop "$XVFB_PID" Xvfb
		XVFB_PID=""
	done
	die "could not start Xvfb on any display from :97 to :140 (see $XAPP_OUT/xvfb.log)"
}

# xapp_start DB ANNOTATOR starts bin/tawsim on the sample corpus with its
# own settings directory and waits until its window is mapped.
xapp_start() {
	local db=$1 who=$2
	mkdir -p "$XAPP_TMP/config" "$XAPP_TMP/data" "$XAPP_TMP/cache"
	# Settings (Fyne preferences: annotator name, theme) go to the temp
	# directory, never to the user's; FYNE_SCALE pins the layout.
	env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 FYNE_SCALE=1 \
		XDG_CONFIG_HOME="$XAPP_TMP/config" XDG_DATA_HOME="$XAPP_TMP/data" XDG_CACHE_HOME="$XAPP_TMP/cache" \
		"$BIN/tawsim" --db "$db" --samples --annotator "$who" >"$XAPP_OUT/tawsim.log" 2>&1 &
	APP_PID=$!
	WID=$(timeout 30 xdotool search --sync --onlyvisible --name '^Tawsim' 2>/dev/null | head -n 1) || true
	kill -0 "$APP_PID" 2>/dev/null || die "tawsim exited before showing its window; log: $(tail -n 5 "$XAPP_OUT/tawsim.log")"
	[ -n "$WID" ] || die "no Tawsim window appeared within 30 s"
	local WIDTH HEIGHT X Y SCREEN WINDOW
	eval "$(xdo getwindowgeometry --shell "$WID")"
	say "window $WID: $(xdo getwindowname "$WID"), ${WIDTH}x${HEIGHT} at $X,$Y"
	[ "$WIDTH" = 1280 ] && [ "$HEIGHT" = 800 ] || die "the window is ${WIDTH}x${HEIGHT}, not 1280x800: the coordinates this script uses assume the app's default size"
	WIN_X=$X WIN_Y=$Y
	# No window manager: focus follows the pointer; ask for it anyway.
	xdo windowfocus "$WID" 2>/dev/null || true
}

# shot NAME [GEOMETRY]: a screenshot of the screen, or of WxH+X+Y of the window.
shot() {
	local f=$XAPP_OUT/$1.png
	timeout 20 import -window root "$f" || die "import (screenshot) failed"
	if [ -n "${2:-}" ]; then
		local w h x y
		IFS='x+' read -r w h x y <<<"$2"
		timeout 20 convert "$f" -crop "${w}x${h}+$((x + WIN_X))+$((y + WIN_Y))" +repage "$f" || die "convert failed"
	fi
	echo "$f"
}

# inked GEOMETRY: is there text in that part of the window?
inked() {
	local f sd
	f=$(shot probe "$1")
	sd=$(timeout 20 convert "$f" -colorspace gray -format '%[fx:standard_deviation]' info:) || return 1
	rm -f "$f"
	awk -v s="$sd" 'BEGIN { exit !(s > 0.05) }'
}

# wait_text GEOMETRY: wait (up to 20 s) until the article is drawn there.
wait_text() {
	local i
	for i in $(seq 40); do
		inked "$1" && return 0
		kill -0 "$APP_PID" 2>/dev/null || die "tawsim exited; log: $(tail -n 5 "$XAPP_OUT/tawsim.log")"
		sleep 0.5
	done
	die "no text was drawn in $1 of the window within 20 s"
}

# drag X1 X2 Y: press at X1, move to X2 in steps, release.
drag() {
	local x1=$1 x2=$2 y=$3 steps=6 i x
	xdo mousemove --window "$WID" "$x1" "$y" sleep 0.2 mousedown 1 sleep 0.15
	for i in $(seq 1 $steps); do
		x=$((x1 + (x2 - x1) * i / steps))
		xdo mousemove --window "$WID" "$x" "$y" sleep 0.05
	done
	xdo sleep 0.2 mouseup 1 sleep 0.3
}

# xapp_quit: File → Quit from the window's own menu (Fyne has no Ctrl+Q):
# a click opens the menu, Up goes to its last item, which is always Quit
# (Fyne puts it there), whatever items the menu holds; then SIGTERM if
# the app is still running after 10 s. Sets QUIT_HOW and APP_RC.
xapp_quit() {
	local i
	QUIT_HOW="File → Quit"
	xdo mousemove --window "$WID" 28 15 sleep 0.2 click 1 sleep 0.5 || true
	xdo key --window "$WID" Up sleep 0.3 key --window "$WID" Return || true
	for i in $(seq 100); do
		kill -0 "$APP_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$APP_PID" 2>/dev/null; then
		QUIT_HOW="SIGTERM (File → Quit did not close the window within 10 s)"
		stop "$APP_PID" tawsim
		APP_RC=143
	else
		APP_RC=0
		wait "$APP_PID" 2>/dev/null || APP_RC=$?
	fi
	APP_PID=""
	say "tawsim stopped by $QUIT_HOW, exit status $APP_RC"
}
