//go:build !linux

package ui

import "time"

// threadCPU is unknown here: the benchmarks leave the CPU figures out.
func threadCPU() time.Duration { return 0 }
