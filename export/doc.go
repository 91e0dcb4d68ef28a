// Package export moves Tawsim corpora in and out: it writes the formats
// training tools read (CoNLL, the JSONL family, brat standoff, the native
// lossless JSONL) and reads articles and annotated data back in.
//
// Each format registers itself from its own file's init function (see
// Format and Register); the CLI's help, its --format completion and the
// app's dialogs list what the registry holds, so adding a format is one
// file and its tests. Run (export) and RunImport (import) are the one
// pipeline both the CLI and the app call: selection, split, defaults,
// validation, atomic output and the closing report live here, not in
// either of them. Writers are DocWriters, fed one document at a time
// from one read pass over the store.
package export
