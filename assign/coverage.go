package assign

import (
	"sort"

	"github.com/tawsim/tawsim/corpus"
)

// Coverage is how far the assigned work has got.
type Coverage struct {
	Overlap  int // K the coverage is measured against; 0: each document's own number of assignees
	Assigned int // documents assigned to anyone
	Covered  int // assigned documents with at least K done layers
	// Short lists the assigned documents with fewer than K done layers,
	// in the store's order.
	Short []DocCoverage
	// ByAnnotator counts each annotator's assigned layers by status.
	ByAnnotator map[string]AnnotatorCoverage
}

// DocCoverage is one assigned document's state.
type DocCoverage struct {
	Doc      string   `json:"doc"`
	Title    string   `json:"title"`
	Assigned []string `json:"assigned"` // annotators it is assigned to
	Done     []string `json:"done"`     // annotators whose layer is done
	Need     int      `json:"need"`     // done layers it needs (K)
}

// AnnotatorCoverage counts an annotator's assigned layers.
type AnnotatorCoverage struct {
	Assigned   int `json:"assigned"`
	Done       int `json:"done"`
	InProgress int `json:"in_progress"`
	New        int `json:"new"`
}

// Measure computes coverage from the document list and the layer
// summaries (corpus.Store.Documents and Summaries). k is the overlap to
// measure against; 0 takes each document's number of assignees. Done
// layers count whether or not they were assigned (a reviewer who
// finished a document helps cover it).
func Measure(docs []corpus.DocInfo, layers []corpus.LayerSummary, k int) Coverage {
	c := Coverage{Overlap: k, ByAnnotator: map[string]AnnotatorCoverage{}}
	byDoc := map[string][]corpus.LayerSummary{}
	for _, l := range layers {
		byDoc[l.Doc] = append(byDoc[l.Doc], l)
		if !l.Assigned {
			continue
		}
		a := c.ByAnnotator[l.Annotator]
		a.Assigned++
		switch l.Status {
		case corpus.StatusDone:
			a.Done++
		case corpus.StatusInProgress:
			a.InProgress++
		default:
			a.New++
		}
		c.ByAnnotator[l.Annotator] = a
	}
	for _, d := range docs {
		var dc DocCoverage
		for _, l := range byDoc[d.ID] {
			if l.Annotator == corpus.Gold {
				continue
			}
			if l.Assigned {
				dc.Assigned = append(dc.Assigned, l.Annotator)
			}
			if l.Status == corpus.StatusDone {
				dc.Done = append(dc.Done, l.Annotator)
			}
		}
		if len(dc.Assigned) == 0 {
			continue
		}
		c.Assigned++
		dc.Doc, dc.Title, dc.Need = d.ID, d.Title, k
		if k == 0 {
			dc.Need = len(dc.Assigned)
		}
		sort.Strings(dc.Assigned)
		sort.Strings(dc.Done)
		if len(dc.Done) >= dc.Need {
			c.Covered++
			continue
		}
		c.Short = append(c.Short, dc)
	}
	return c
}

// Unassigned returns the documents no layer of which is assigned: what a
// new plan may draw from.
func Unassigned(docs []corpus.DocInfo, layers []corpus.LayerSummary) []corpus.DocInfo {
	taken := map[string]bool{}
	for _, l := range layers {
		if l.Assigned {
			taken[l.Doc] = true
		}
	}
	var out []corpus.DocInfo
	for _, d := range docs {
		if !taken[d.ID] {
			out = append(out, d)
		}
	}
	return out
}
