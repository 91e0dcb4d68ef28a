package boltstore

// Bucket names. A layer is the bucket layers/"<doc>\x00<annotator>"
// holding its info record, its change log and its undo and redo stacks
// (keys with a one-byte prefix), and the sub-buckets entities (with a
// span index under a \x00 prefix) and events. Fewer buckets means fewer
// dirty pages, and pages written are what a commit costs.
var (
	bucketMeta   = []byte("meta")
	bucketDocs   = []byte("docs")
	bucketInfo   = []byte("docinfo")
	bucketHashes = []byte("hashes")
	bucketLayers = []byte("layers")
	// bucketLayerInfo holds a copy of every layer's info record under the
	// layer's key (layout 5): lists and counts read it as one dense
	// bucket instead of opening each layer's bucket (a page each).
	bucketLayerInfo = []byte("layerinfo")
	bucketLog       = []byte("log") // layouts 1–2: the log now lives in each layer
	keyVersion      = []byte("version")
	keySchema       = []byte("schema")
	keySeqBase      = []byte("seqbase") // layout 3 only
	keyLayerInfo    = []byte("info")
	bucketEnts      = []byte("entities")
	bucketEvents    = []byte("events")
)

const (
	prefixLog  = byte('c') // layer bucket: the change log, by change seq
	prefixSpan = byte(0)   // entities bucket: span index key → entity id
)
