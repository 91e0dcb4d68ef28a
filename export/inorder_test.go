package export

import (
	"errors"
	"fmt"
	"runtime"
	"testing"
)

func TestInOrder(t *testing.T) {
	errWork, errConsume, errProduce := errors.New("work"), errors.New("consume"), errors.New("produce")
	for _, procs := range []int{1, 4} {
		for _, tc := range []struct {
			name               string
			failWork, failCons int // the item that fails there, -1 none
			failProduce        bool
			want               error
			wantSeen           int // items consumed
		}{
			{"all", -1, -1, false, nil, 1000},
			{"work fails", 500, -1, false, errWork, 500},
			{"consume fails", -1, 10, false, errConsume, 10},
			{"produce fails", -1, -1, true, errProduce, 1000},
			{"consume fails first", 900, 3, false, errConsume, 3},
		} {
			t.Run(fmt.Sprintf("%s/%d", tc.name, procs), func(t *testing.T) {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				seen := 0
				err := inOrder(
					func(emit func(int) error) error {
						for i := range 1000 {
							if err := emit(i); err != nil {
								return err
							}
						}
						if tc.failProduce {
							return errProduce
						}
						return nil
					},
					func(i int) (string, error) {
						if i == tc.failWork {
							return "", errWork
						}
						return fmt.Sprint("خبر ", i), nil
					},
					func(s string) error {
						if seen == tc.failCons {
							return errConsume
						}
						if want := fmt.Sprint("خبر ", seen); s != want {
							t.Fatalf("got %q in place %d", s, seen)
						}
						seen++
						return nil
					})
				if !errors.Is(err, tc.want) || tc.want == nil && err != nil {
					t.Errorf("err = %v, want %v", err, tc.want)
				}
				if seen != tc.wantSeen {
					t.Errorf("consumed %d, want %d", seen, tc.wantSeen)
				}
			})
		}
	}
}
