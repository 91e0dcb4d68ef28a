#!/usr/bin/env bash
# Takes the README's picture of review mode: the real window under Xvfb on
# the sample corpus, where three annotators (amira, sami, omar) have
# annotated the seed article with agreements, a type dispute, boundary
# disputes, a missing entity and a meeting event with different
# arguments. The reviewer switches to review mode (Ctrl+R), merges what is
# not in dispute into gold (Ctrl+Shift+M), goes to the type dispute over
# بشار الأسد (N three times) and points at a conflated span so its
# annotators show in the tooltip.
#
#   ./scripts/review-screenshot.sh [OUT.png]     default docs/review.png
#   FYNE_THEME=light ./scripts/review-screenshot.sh docs/review-light.png
#
# Needs bin/tawsim and bin/tawsimctl (make build) and python3 (to write
# the annotators' layers, whose offsets are code points, as Python's).
set -euo pipefail
XAPP_NAME=review-screenshot
# shellcheck source=scripts/xapp.sh
. "$(dirname "$0")/xapp.sh"
dest=${1:-$ROOT/docs/review.png}
command -v python3 >/dev/null 2>&1 || die "python3 is missing"

xapp_init
DB=$XAPP_TMP/corpus.db
ctl() { timeout 30 "$BIN/tawsimctl" --db "$DB" "$@"; }
ctl init >/dev/null
ctl import "$ROOT/testdata/samples" >/dev/null
ctl export --format tawsim --status all --out - 2>/dev/null | head -n 1 |
	python3 "$ROOT/scripts/review-demo.py" >"$XAPP_TMP/demo.jsonl"
ctl import --format tawsim "$XAPP_TMP/demo.jsonl" >&2
ctl list >&2

xapp_xvfb
xapp_start "$DB" reviewer
wait_text 300x30+740+90
key() { xdo key --window "$WID" "$@" sleep 0.5; }
key ctrl+r
key ctrl+shift+m
key n n n
# Point at شي جين بينغ on the first line (made by all three, now in gold):
# the tooltip names them.
xdo mousemove --window "$WID" "${POINT_X:-857}" "${POINT_Y:-100}" sleep 1
f=$(shot review)
xapp_quit
ctl show 1 --annotator gold | grep -E '^  (T|E)[0-9]+ ' >&2 || die "nothing was accepted into gold"
mkdir -p "$(dirname "$dest")"
cp "$f" "$dest"
say "wrote $dest"
