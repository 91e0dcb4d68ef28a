"""Agreement figures from the reference implementations, for review's tests.

Reads JSON on stdin: {"coders": [names], "docs": [{"labels": {coder: [label per token]}}]}
(a coder missing from a document has no layer there) and prints JSON with
scikit-learn's cohen_kappa_score per pair (over the documents both have) and
NLTK AnnotationTask's alpha (every token, missing values allowed), pi and
multi_kappa (the tokens of documents every coder has).
"""
import json
import sys

from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

data = json.load(sys.stdin)
coders = data["coders"]
out = {"pairs": {}}
for i, a in enumerate(coders):
    for b in coders[i + 1:]:
        ya, yb = [], []
        for d in data["docs"]:
            if a in d["labels"] and b in d["labels"]:
                ya += d["labels"][a]
                yb += d["labels"][b]
        out["pairs"][a + "/" + b] = cohen_kappa_score(ya, yb)

every, complete = [], []
for n, d in enumerate(data["docs"]):
    labels = d["labels"]
    for c, seq in labels.items():
        for t, label in enumerate(seq):
            every.append((c, (n, t), label))
            if len(labels) == len(coders):
                complete.append((c, (n, t), label))
out["alpha"] = AnnotationTask(data=every).alpha()
task = AnnotationTask(data=complete)
out["pi"] = task.pi()
out["multi_kappa"] = task.multi_kappa()
json.dump(out, sys.stdout)
