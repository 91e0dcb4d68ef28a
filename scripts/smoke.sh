#!/usr/bin/env bash
# Real-window smoke test (issue 5): starts bin/tawsim under Xvfb on a new
# database with the sample articles, drags over a name on the first line of
# the first article, presses 1 (PERS in the default wojood schema), quits,
# and checks with tawsimctl that exactly that one entity was stored.
#
#   make smoke                       builds, installs xvfb etc., runs this
#   SMOKE_OUT=dir ./scripts/smoke.sh keeps the screenshots and logs in dir
#
# The first line of the seed article (Xi Jinping and Bashar al-Assad) is
# drawn right to left at y≈100 of the 1280x800 window (under the menu and
# the Annotate/Review toolbar), the words
# أجرى الرئيس الصيني، شي جين بينغ، … from x≈1041 leftwards. The drag starts
# inside شي (x 879–900) and ends inside بينغ (x 813–839), so the selection,
# snapped to whole words, is شي جين بينغ without the comma. If the layout
# changes (fonts, text size, pane widths), adjust the numbers below; the
# screenshots in SMOKE_OUT show where the words are.
set -euo pipefail
XAPP_NAME=smoke
# shellcheck source=scripts/xapp.sh
. "$(dirname "$0")/xapp.sh"

LINE_Y=100 DRAG_FROM=895 DRAG_TO=820
WANT_TYPE=PERS
WANT_TEXT=${SMOKE_EXPECT-شي جين بينغ}
WHO=smoke
WORDS=260x40+790+80 # the part of the window around the dragged words

xapp_init
DB=$XAPP_TMP/corpus.db
xapp_xvfb
xapp_start "$DB" "$WHO"
wait_text 300x30+740+86
before=$(shot before "$WORDS")

drag "$DRAG_FROM" "$DRAG_TO" "$LINE_Y"
xdo key --window "$WID" 1 sleep 0.5 || xdo key 1 sleep 0.5
after=$(shot after "$WORDS")
screen=$(shot smoke)
say "screenshot: $screen"

# The view must have drawn something new where the words are (the
# selection and the entity's highlight).
changed=$(timeout 20 compare -metric AE "$before" "$after" null: 2>&1 >/dev/null || true)
changed=${changed%% *}
say "pixels changed around the dragged words: $changed"
awk -v n="$changed" 'BEGIN { exit !(n + 0 > 200) }' ||
	die "the view did not draw a highlight where the words were dragged ($changed pixels changed; compare before.png and after.png)"

xapp_quit
[ "$APP_RC" -eq 0 ] || [ "$APP_RC" -eq 143 ] || die "tawsim exited with status $APP_RC; log: $(tail -n 5 "$XAPP_OUT/tawsim.log")"

ctl() { timeout 30 "$BIN/tawsimctl" --db "$DB" "$@"; }
ctl list --json >"$XAPP_OUT/list.json" || die "tawsimctl list failed (is the database still locked?)"
doc=$(sed -n '1s/^{"id":"\([^"]*\)".*/\1/p' "$XAPP_OUT/list.json")
[ -n "$doc" ] || die "tawsimctl list --json printed no documents"
title=$(sed -n '1s/.*"title":"\([^"]*\)".*/\1/p' "$XAPP_OUT/list.json")
say "first document: $doc $title"

ctl stats --json >"$XAPP_OUT/stats.json"
total=$(grep -c '"entities": ' "$XAPP_OUT/stats.json" || true)
ents=$(sed -n 's/^ *"entities": \([0-9]*\),*$/\1/p' "$XAPP_OUT/stats.json" | head -n 1)
[ "$total" = 1 ] && [ "$ents" = 1 ] ||
	die "expected exactly one annotator with one entity in the corpus, stats say: $(tr -d ' \n' <"$XAPP_OUT/stats.json")"

ctl show "$doc" --annotator "$WHO" --json >"$XAPP_OUT/show.json"
ctl show "$doc" --annotator "$WHO" >"$XAPP_OUT/show.txt"
# "  T1    PERS      [20,31) شي جين بينغ"
mapfile -t lines < <(grep -E '^  T[0-9]+ ' "$XAPP_OUT/show.txt" || true)
[ "${#lines[@]}" -eq 1 ] || die "expected one entity in $WHO's layer of $doc, found ${#lines[@]}"
read -r id typ span text <<<"${lines[0]}"
start=${span#[}
start=${start%%,*}
end=${span#*,}
end=${end%)}
js=$(tr -d ' \n' <"$XAPP_OUT/show.json" | grep -o '"entities":\[{"id":"'"$id"'","start":[0-9]*,"end":[0-9]*,"type":"[^"]*"}\]' || true)
[ "$js" = '"entities":[{"id":"'"$id"'","start":'"$start"',"end":'"$end"',"type":"'"$typ"'"}]' ] ||
	die "show --json does not agree with show: ${js:-no entity}"
say "stored: $id $typ [$start,$end) «$text»"
[ "$typ" = "$WANT_TYPE" ] || die "the entity is $typ, want $WANT_TYPE (key 1 in the wojood schema)"
if [ -n "$WANT_TEXT" ] && [ "$text" != "$WANT_TEXT" ]; then
	die "the entity covers «$text», want «$WANT_TEXT»: the drag from x=$DRAG_FROM to x=$DRAG_TO at y=$LINE_Y hit other words (layout changed? see smoke.png; SMOKE_EXPECT= skips this check)"
fi
say "OK: dragged, labelled with key 1, stored one $typ entity «$text» at [$start,$end)"
