"""Three annotators' layers on the seed article, for review mode's picture.

Reads the seed article as one line of Tawsim's native format on stdin
(tawsimctl export --format tawsim) and writes it back with amira's, sami's
and omar's layers: agreements, a type dispute (بشار الأسد, بكين), boundary
disputes (رئيس النظام السوري / رئيس النظام, دورة الألعاب الآسيوية), an
entity one of them alone marked, and a meeting event on محادثات with
different arguments. Offsets are code points, as Python indexes strings.
Used by scripts/review-screenshot.sh; import the output with
tawsimctl import --format tawsim.
"""
import json, sys
doc = json.loads(sys.stdin.readline())
text = doc["text"]
def span(sub, nth=0, inner=None):
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    if inner:  # a part inside the match (الصين in للصين)
        i += sub.index(inner); sub = inner
    return i, i + len(sub)
def layer(who, status, ents, meet):
    es, ids = [], {}
    for n, (sub, typ, *rest) in enumerate(ents, 1):
        nth = rest[0] if rest else 0
        inner = rest[1] if len(rest) > 1 else None
        s, e = span(sub, nth, inner)
        es.append({"id": f"T{n}", "start": s, "end": e, "type": typ})
        ids[(sub, nth)] = f"T{n}"
    evs = []
    if meet is not None:
        s, e = span("محادثات")
        evs.append({"id": "E1", "type": "Contact.Meet", "trigger": {"start": s, "end": e},
                    "arguments": [{"role": "Entity", "entity": ids[(a, 0)]} for a in meet]})
    return {"annotator": who, "status": status, "revision": len(es) + len(evs) + 1,
            "updated": "2026-11-20T10:00:00Z", "entities": es, "events": evs}
common = [("شي جين بينغ", "PERS"), ("الجمعة", "DATE"), ("الخميس", "DATE"), ("هانغتشو", "GPE")]
amira = common + [("الصيني", "NORP"), ("رئيس النظام السوري", "OCC"), ("بشار الأسد", "PERS"), ("الأسد", "PERS", 1),
                  ("شرق الصين", "GPE", 0, "الصين"), ("لبكين", "GPE", 0, "بكين"), ("دورة الألعاب الآسيوية", "EVENT"), ("السبت", "DATE")]
sami = common + [("الرئيس الصيني", "OCC"), ("رئيس النظام", "OCC"), ("بشار الأسد", "PERS"), ("الأسد", "PERS", 1),
                 ("شرق الصين", "GPE", 0, "الصين"), ("لبكين", "GPE", 0, "بكين"), ("دورة الألعاب الآسيوية الـ19", "EVENT"), ("السبت", "DATE")]
omar = common + [("بشار الأسد", "ORG"), ("الأسد", "PERS", 1), ("لبكين", "LOC", 0, "بكين"), ("السبت", "DATE")]
doc["layers"] = [layer("amira", "done", amira, ["شي جين بينغ", "بشار الأسد"]),
                 layer("sami", "done", sami, ["شي جين بينغ", "بشار الأسد"]),
                 layer("omar", "in-progress", omar, ["شي جين بينغ"])]
print(json.dumps(doc, ensure_ascii=False))
