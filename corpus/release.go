package corpus

// Reading a bbolt file maps its pages into the process, and the kernel
// maps the pages around each one read as well (fault-around), so a
// whole-corpus pass would hold most of the file: 60 MB for a thousand
// documents read, or for the list records of 30,000 read in import order,
// whose pages lie among the others'. Long reads give the pages back as
// they go (see MemoryReleaser); they stay in the system's cache.
const (
	docsPerRelease    = 250  // documents with their layers (Scan)
	recordsPerRelease = 2000 // list and info records (Documents, Summaries)
)

// releaseMemory gives back the database pages tx's reads have mapped,
// where the backend maps them.
func releaseMemory(tx ReadTx) {
	if r, ok := tx.(MemoryReleaser); ok {
		r.ReleaseMemory()
	}
}

// releaser releases tx's pages every so many reads.
type releaser struct {
	tx       ReadTx
	every, n int
}

func (r *releaser) tick() {
	if r.n++; r.n%r.every == 0 {
		releaseMemory(r.tx)
	}
}
