// Package bench holds the benchmarks that measure Tawsim as its users meet
// it: whole tawsimctl commands on generated corpora of thousands of
// documents, each against a floor measured in the same run (reading the
// database file and writing the same output bytes), and how they scale.
// It has no code of its own; run it with
//
//	go test -run '^$' -bench . -benchtime 1x -timeout 30m ./bench
//
// BenchmarkScaling fails when a command grows worse than linearly with
// the corpus or passes 150 MB; BenchmarkCommands reports speeds against
// the floor.
package bench
