package pgstore

import (
	"sync"

	"github.com/tawsim/tawsim/corpus"
)

// infoCacheSize bounds the cache of document list records: about 200
// bytes each.
const infoCacheSize = 10000

// infoCache remembers documents' list records. Documents never change
// once stored, so a write transaction, which sees every committed
// document anyway (READ COMMITTED), may take a record from here instead of
// asking the server: every edit begins by checking its document, and this
// saves that round trip. Views still ask, so that they see exactly their
// snapshot. Should an administrator delete a document by hand, a write to
// it still fails: the layer's foreign key finds the document gone.
type infoCache struct {
	mu sync.Mutex
	m  map[string]corpus.DocInfo
}

func (c *infoCache) get(id string) (corpus.DocInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[id]
	return d, ok
}

// add remembers committed records; when full it starts again, which costs
// a round trip per document once.
func (c *infoCache) add(infos ...corpus.DocInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(infos) > infoCacheSize {
		c.m = make(map[string]corpus.DocInfo, len(infos))
	}
	for _, d := range infos {
		c.m[d.ID] = d
	}
}
