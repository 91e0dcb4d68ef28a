// Package dedup finds near-duplicate texts: the same story re-published
// with small edits (a sentence added or dropped, words changed, spelling
// and punctuation varied, a source line added).
//
// A text is cut into overlapping runs of three normalised words
// (shingles: harakat and tatweel dropped, alef forms, alef maqsura and
// ta marbuta folded, Arabic-Indic digits read as ASCII); two texts are
// near-duplicates when the Jaccard index of their shingle sets is at
// least 0.4, estimated from 128-hash MinHash signatures. Candidates are
// found by locality-sensitive hashing (42 bands of 3 hashes), so a new
// text is compared with the few that share a band, not with the whole
// corpus.
//
// The choice was measured (TestShingleAndMethodChoice, on generated
// articles, their edited copies, and different articles sharing one or
// two paragraphs): three-word shingles separate copies from
// paragraph-sharing articles best; MinHash at 0.4 found every copy with no
// false pair, while 64-bit SimHash, the other common choice, found at
// most 84% of the copies at the distance where it began to pair
// different articles.
//
// Exact duplicates are not this package's business: the store refuses a
// text whose SHA-256 it already holds.
package dedup
