package export

import (
	"errors"
	"runtime"
	"sync"
)

// inOrder runs work on every item produce emits, on all processors, and
// hands the results to consume one at a time, in the order produced, in
// the caller's goroutine. It is how an export cuts texts into tokens while
// the store reads on, and how an import decodes lines while the store
// writes. At most a few items per processor are in flight.
//
// produce runs in a goroutine of its own; emit returns an error when the
// run has stopped (consume or work failed), which produce should return.
// The first error of consume, work or produce, in that order of
// precedence, is returned. With one processor everything runs in turn in
// the caller's goroutine.
func inOrder[In, Out any](produce func(emit func(In) error) error, work func(In) (Out, error), consume func(Out) error) error {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return produce(func(in In) error {
			out, err := work(in)
			if err != nil {
				return err
			}
			return consume(out)
		})
	}
	type result struct {
		out Out
		err error
	}
	type job struct {
		in  In
		res chan result
	}
	jobs := make(chan job, 2*workers)
	order := make(chan chan result, 8*workers)
	stop := make(chan struct{})
	errStopped := errors.New("stopped")

	var produceErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		produceErr = produce(func(in In) error {
			j := job{in: in, res: make(chan result, 1)}
			select {
			case order <- j.res:
			case <-stop:
				return errStopped
			}
			select {
			case jobs <- j:
				return nil
			case <-stop:
				return errStopped
			}
		})
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out, err := work(j.in)
				j.res <- result{out, err}
			}
		}()
	}
	var err error
	for res := range order {
		r := <-res
		if err = r.err; err != nil {
			break
		}
		if err = consume(r.out); err != nil {
			break
		}
	}
	close(stop)
	wg.Wait()
	if err != nil {
		return err
	}
	if errors.Is(produceErr, errStopped) {
		return nil
	}
	return produceErr
}
