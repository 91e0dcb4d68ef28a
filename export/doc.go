// Package export writes Tawsim corpora in the formats that training tools
// read (CoNLL, the JSONL family, brat standoff, the native lossless JSONL)
// and reads the ones that carry annotations back in.
package export
