package export

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/tawsim/tawsim/corpus"
)

// read reads the planned documents in one store scan and calls fn for each
// in order, in the caller's goroutine; skipped is called for one whose
// layer turned out not to be done (it changed after plan).
//
// Cutting a text into tokens and sentences is a third of an export's
// work, so it runs on the other processors while the scan reads on: the
// scan hands each document to a worker and the caller takes the results
// in scan order. A few dozen documents are in flight at most.
func (s selector) read(ctx context.Context, store *corpus.Store, planned []corpus.DocInfo, fn func(i int, d *Doc) error, skipped func()) error {
	ids := make([]string, len(planned))
	for i, d := range planned {
		ids[i] = d.ID
	}
	opt := corpus.ScanOptions{IDs: ids, Annotators: s.annotators()}
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return s.readSerial(ctx, store, opt, fn, skipped)
	}
	type picked struct {
		d  Doc
		ok bool
	}
	type job struct {
		dl  corpus.DocLayers
		out chan picked
	}
	jobs := make(chan job, 2*workers)
	order := make(chan chan picked, 8*workers) // results, in scan order
	stop := make(chan struct{})                // closed when the caller stops early
	errStopped := errors.New("stopped")

	var scanErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		scanErr = store.Scan(opt, func(dl corpus.DocLayers) error {
			if err := cancelled(ctx); err != nil {
				return err
			}
			j := job{dl: dl, out: make(chan picked, 1)}
			select {
			case order <- j.out:
			case <-stop:
				return errStopped
			}
			select {
			case jobs <- j:
			case <-stop:
				return errStopped
			}
			return nil
		})
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, ok := s.pick(j.dl)
				j.out <- picked{d, ok}
			}
		}()
	}

	var err error
	i := 0
	for out := range order {
		p := <-out
		if !p.ok {
			skipped()
		} else if err = fn(i, &p.d); err != nil {
			break
		}
		i++
	}
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	return scanErr
}

// readSerial is read on one processor.
func (s selector) readSerial(ctx context.Context, store *corpus.Store, opt corpus.ScanOptions, fn func(i int, d *Doc) error, skipped func()) error {
	i := 0
	return store.Scan(opt, func(dl corpus.DocLayers) error {
		defer func() { i++ }()
		if err := cancelled(ctx); err != nil {
			return err
		}
		d, ok := s.pick(dl)
		if !ok {
			skipped()
			return nil
		}
		return fn(i, &d)
	})
}
