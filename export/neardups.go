package export

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/tawsim/tawsim/corpus"
	"github.com/tawsim/tawsim/dedup"
	"github.com/tawsim/tawsim/news"
)

// MetaNearDuplicates is the meta key under which an imported article
// names the documents it nearly duplicates: the ones already in the
// corpus or earlier in the same import, as [{"id", "similarity"}], most
// similar first. Meta is written once, at import, so a document does not
// learn of a near-duplicate imported after it: dedup.NearDuplicates (or
// an index from dedup.IndexCorpus) gives both directions on demand.
const MetaNearDuplicates = "near_duplicates"

// dupKey names an entry of the near-duplicate index: a corpus document by
// its id, an item of this import by "#" and its position.
func dupKey(i int) string { return "#" + strconv.Itoa(i) }

// sortDuplicates goes through the article items of an import (items
// without layers) in order: a text already in the corpus or earlier in
// the import is left for the store to count as existing; a page already
// imported (same page SHA-256, its text extracted differently) is left
// out; a near-duplicate of a document in the corpus or of an earlier item
// is kept with its near-duplicates in its meta, left out (skip), or only
// reported (report: the caller stores nothing). The clusters found go to
// the report's details.
func sortDuplicates(ctx context.Context, store *corpus.Store, items []corpus.ImportItem, mode string, rep *Report) ([]corpus.ImportItem, error) {
	if !anyArticles(items) {
		return items, nil
	}
	c, err := readCorpusForDups(ctx, store)
	if err != nil {
		return nil, err
	}
	var (
		keep     = make([]bool, len(items))
		clusters dedup.Clusters
		texts    = map[string]bool{}
		pairs    = map[string][]dedup.Match{} // key → its near-duplicates
		marks    = map[int][]dedup.Match{}    // item → the near-duplicates its meta will name
		skipped  []string
		samePage int
	)
	name := func(key string) string {
		if i, ok := itemOf(key); ok {
			return fmt.Sprintf("«%s» (%s)", clip(items[i].Doc.Title, 60), items[i].Origin)
		}
		return fmt.Sprintf("«%s» (in the corpus, %s)", clip(c.titles[key], 60), key)
	}
	for i := range items {
		if err := cancelled(ctx); err != nil {
			return nil, err
		}
		it := &items[i]
		if len(it.Layers) > 0 || it.Sync {
			keep[i] = true
			continue
		}
		h := corpus.TextHash(corpus.NormalizeText(it.Doc.Text))
		if c.hashes[h] || texts[h] {
			keep[i] = true // the store counts it as existing
			continue
		}
		texts[h] = true
		if page := metaString(it.Doc.Meta, news.MetaPageSHA256); page != "" && c.pages[page] {
			samePage++
			continue
		}
		sig, ok := dedup.SignText(it.Doc.Text)
		if !ok {
			keep[i] = true
			continue
		}
		key := dupKey(i)
		if ms := c.index.Query(sig); len(ms) > 0 {
			for _, m := range ms {
				clusters.Link(m.ID, key)
			}
			pairs[key] = ms
			if mode == "skip" {
				skipped = append(skipped, name(key))
				continue
			}
			marks[i] = ms
		}
		c.index.Add(key, sig)
		keep[i] = true
	}
	explainDups(rep, clusters.Groups(), pairs, name, mode, len(skipped), samePage)
	if mode == "keep" && len(marks) > 0 {
		if err := markNearDups(items, keep, marks); err != nil {
			return nil, err
		}
	}
	var kept []corpus.ImportItem
	for i, k := range keep {
		if k {
			kept = append(kept, items[i])
		}
	}
	return kept, nil
}

// anyArticles reports whether any item is an article (has no layers).
func anyArticles(items []corpus.ImportItem) bool {
	for _, it := range items {
		if len(it.Layers) == 0 && !it.Sync {
			return true
		}
	}
	return false
}

// corpusDups is what the corpus holds for duplicate detection.
type corpusDups struct {
	index  *dedup.Index
	hashes map[string]bool   // text SHA-256
	pages  map[string]bool   // page SHA-256 of imported pages
	titles map[string]string // id → title, for the report
}

// readCorpusForDups reads the corpus's texts once (text only, one
// document at a time) into a near-duplicate index.
func readCorpusForDups(ctx context.Context, store *corpus.Store) (corpusDups, error) {
	c := corpusDups{index: dedup.NewIndex(dedup.DefaultOptions()), hashes: map[string]bool{}, pages: map[string]bool{}, titles: map[string]string{}}
	err := store.Scan(corpus.ScanOptions{Annotators: []string{}}, func(d corpus.DocLayers) error {
		if err := cancelled(ctx); err != nil {
			return err
		}
		c.hashes[d.Doc.SHA256] = true
		c.titles[d.Doc.ID] = d.Doc.Title
		if p := metaString(d.Doc.Meta, news.MetaPageSHA256); p != "" {
			c.pages[p] = true
		}
		if sig, ok := dedup.SignText(d.Doc.Text); ok {
			c.index.Add(d.Doc.ID, sig)
		}
		return nil
	})
	return c, err
}

// markNearDups writes each marked item's near-duplicates into its meta.
// First every kept article item without an id gets one, in import order
// (UUIDv7, as the store would give, so the list keeps the import's
// order), so that an item can name an earlier one of the same import.
func markNearDups(items []corpus.ImportItem, keep []bool, marks map[int][]dedup.Match) error {
	for i := range items {
		if keep[i] && len(items[i].Layers) == 0 && !items[i].Sync && items[i].Doc.ID == "" {
			u, err := uuid.NewV7()
			if err != nil {
				return err
			}
			items[i].Doc.ID = u.String()
		}
	}
	for i, ms := range marks {
		out := make([]dedup.Match, 0, len(ms))
		for _, m := range ms {
			id := m.ID
			if j, ok := itemOf(id); ok {
				id = items[j].Doc.ID
			}
			out = append(out, dedup.Match{ID: id, Similarity: math.Round(m.Similarity*100) / 100})
		}
		raw, err := json.Marshal(out)
		if err != nil {
			return err
		}
		if items[i].Doc.Meta == nil {
			items[i].Doc.Meta = map[string]json.RawMessage{}
		}
		items[i].Doc.Meta[MetaNearDuplicates] = raw
	}
	return nil
}

// itemOf is the item position an index key names, if it names an item.
func itemOf(key string) (int, bool) {
	if !strings.HasPrefix(key, "#") {
		return 0, false
	}
	i, err := strconv.Atoi(key[1:])
	return i, err == nil
}

// explainDups adds the clusters to the report.
func explainDups(rep *Report, groups [][]string, pairs map[string][]dedup.Match, name func(string) string, mode string, skipped, samePage int) {
	if samePage > 0 {
		rep.Details = append(rep.Details, fmt.Sprintf("%d pages already in the corpus (same page SHA-256) left out", samePage))
	}
	if len(groups) == 0 {
		return
	}
	docs := 0
	for _, g := range groups {
		docs += len(g)
	}
	what := map[string]string{"keep": "kept, each naming its near-duplicates in its meta (near_duplicates)",
		"skip": fmt.Sprintf("%d left out (--near-dups skip)", skipped), "report": "reported only"}[mode]
	rep.Details = append(rep.Details, fmt.Sprintf("near-duplicates: %d clusters of %d documents; the later ones %s", len(groups), docs, what))
	for n, g := range groups {
		if n == maxDetails {
			rep.Details = append(rep.Details, fmt.Sprintf("… and %d more clusters", len(groups)-maxDetails))
			break
		}
		rep.Details = append(rep.Details, fmt.Sprintf("cluster %d: %s", n+1, name(g[0])))
		for _, k := range g[1:] {
			sim := 0.0
			for _, m := range pairs[k] {
				sim = max(sim, m.Similarity)
			}
			rep.Details = append(rep.Details, fmt.Sprintf("  ≈ %s, similarity %.2f", name(k), sim))
		}
	}
}

// metaString reads a string from a document's meta, or "".
func metaString(m map[string]json.RawMessage, key string) string {
	var s string
	if raw, ok := m[key]; ok && json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}
