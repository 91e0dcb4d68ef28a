#!/usr/bin/env bash
# Takes the README's picture of the app at work: the real window under
# Xvfb on the sample corpus, a few entities on the first line of the first
# article labelled by dragging and pressing their hotkeys, as in
# scripts/smoke.sh.
#
#   ./scripts/screenshot.sh [OUT.png]     default docs/screenshot.png
set -euo pipefail
XAPP_NAME=screenshot
# shellcheck source=scripts/xapp.sh
. "$(dirname "$0")/xapp.sh"
dest=${1:-$ROOT/docs/screenshot.png}

xapp_init
DB=$XAPP_TMP/corpus.db
xapp_xvfb
xapp_start "$DB" annotator
wait_text 300x30+740+86

# First line, y≈100 (under the menu and the toolbar), right to left (wojood keys: 1 PERS, 2 NORP, 3 OCC, 9 DATE):
#   أجرى | الرئيس 3 | الصيني 2 ، | شي جين بينغ 1 ، | محادثات مع رئيس النظام |
#   السوري 2 ، | بشار الأسد 1 ، | الجمعة 9 ، …
label() { # FROM TO KEY
	drag "$1" "$2" 100
	xdo key --window "$WID" "$3" sleep 0.4
}
label 995 970 3
label 945 915 2
label 895 820 1
label 638 605 2
label 585 530 1
label 510 480 9
# An event: محادثات (Contact.Meet, found by typing "meet" after E) with
# شي جين بينغ and بشار الأسد as its Entity arguments; clicking an entity
# while the event is selected opens the role buttons (Entity first).
drag 805 775 100
xdo key --window "$WID" e sleep 0.6
xdo type --window "$WID" meet
xdo key --window "$WID" Return sleep 0.6
for x in 860 555; do
	xdo mousemove --window "$WID" "$x" 100 sleep 0.1 click 1 sleep 0.6
	xdo mousemove --window "$WID" 575 410 sleep 0.1 click 1 sleep 0.6
done
# Keep the event selected, so its arguments show linked, and move the
# pointer out of the text.
xdo mousemove --window "$WID" 640 790 sleep 0.4
f=$(shot screenshot)
xapp_quit
timeout 30 "$BIN/tawsimctl" --db "$DB" show "$(timeout 30 "$BIN/tawsimctl" --db "$DB" list --json | sed -n '1s/^{"id":"\([^"]*\)".*/\1/p')" --annotator annotator |
	grep -E '^  T[0-9]+ ' >&2 || die "no entities were stored"
mkdir -p "$(dirname "$dest")"
cp "$f" "$dest"
say "wrote $dest"
