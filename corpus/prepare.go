package corpus

import (
	"runtime"
	"sync"
)

// prepared is what an import works out of an item before its write
// transaction: the item checked on its own (its normalized text and hash,
// or what is wrong with it) and its token count. They cost as much as the
// writing itself (a SHA-256, a tokenization and the layers' checks per
// item), and computed beforehand they run on every processor while the
// transaction, which is one goroutine's, stays short.
type prepared struct {
	checked
	tokens int
}

func prepareItems(sc *Schema, items []ImportItem) []prepared {
	out := make([]prepared, len(items))
	eachParallel(len(items), func(i int) {
		c := checkAlone(sc, items[i])
		out[i] = prepared{checked: c}
		if c.err == nil {
			out[i].tokens = tokenCount(c.text, items[i].Doc)
		}
	})
	return out
}

// eachParallel calls fn(i) for i in [0, n) on all processors, returning
// when all are done; a few items run in turn in the caller's goroutine.
func eachParallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/8)
	if workers < 2 {
		for i := range n {
			fn(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}

// tokenCount is how many tokens the document nd will have: its own
// tokenization's (newDocument checks it), or its tokenizer version's cut
// (0 for a version this Tawsim does not know, which newDocument refuses).
func tokenCount(text string, nd NewDoc) int {
	if t := nd.Tokenization; t != nil {
		return t.Len()
	}
	v := nd.Tokenizer
	if v == 0 {
		v = TokenizerVersion // as newDocument sets it
	}
	toks, err := TokenizeVersion(v, text)
	if err != nil {
		return 0
	}
	return len(toks)
}
