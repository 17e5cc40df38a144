package storetest

import (
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// t0 has sub-millisecond digits and a non-UTC zone on purpose: stores may
// keep milliseconds in any zone, and the suite must not ask for more.
var t0 = time.Date(2025, 3, 14, 15, 9, 26, 535_897_000, time.FixedZone("CET", 3600))

// at returns t0 plus n seconds.
func at(n int) time.Time { return t0.Add(time.Duration(n) * time.Second) }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

// wantCode fails unless err carries the idp error code (never its text).
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := idp.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

// same fails unless got and want are equal once canonicalised.
func same[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	g, w := canon(reflect.ValueOf(got)), canon(reflect.ValueOf(want))
	if !reflect.DeepEqual(g.Interface(), w.Interface()) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

// clone returns a deep copy of v, canonicalised.
func clone[T any](v T) T { return canon(reflect.ValueOf(v)).Interface().(T) }

var timeType = reflect.TypeFor[time.Time]()

// canon returns a deep copy of v with times truncated to the millisecond in
// UTC and empty slices and maps made nil, so that stores need not keep
// sub-millisecond digits, zones or the nil/empty distinction.
func canon(v reflect.Value) reflect.Value {
	switch {
	case v.Type() == timeType:
		return reflect.ValueOf(v.Interface().(time.Time).Truncate(time.Millisecond).UTC())
	case v.Kind() == reflect.Interface:
		if v.IsNil() {
			return v
		}
		return canon(v.Elem())
	case v.Kind() == reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		for i := range v.NumField() {
			out.Field(i).Set(canon(v.Field(i)))
		}
		return out
	case v.Kind() == reflect.Slice:
		return canonSlice(v)
	case v.Kind() == reflect.Map:
		return canonMap(v)
	}
	return v
}

func canonSlice(v reflect.Value) reflect.Value {
	if v.Len() == 0 {
		return reflect.Zero(v.Type())
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		out.Index(i).Set(canon(v.Index(i)))
	}
	return out
}

func canonMap(v reflect.Value) reflect.Value {
	if v.Len() == 0 {
		return reflect.Zero(v.Type())
	}
	out := reflect.MakeMapWithSize(v.Type(), v.Len())
	for it := v.MapRange(); it.Next(); {
		out.SetMapIndex(it.Key(), canon(it.Value()))
	}
	return out
}

// race runs fn(0..n-1) in n goroutines released at once and returns their
// errors by index. fn must not call t.Fatal.
func race(n int, fn func(i int) error) []error {
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { <-start; errs[i] = fn(i) })
	}
	close(start)
	wg.Wait()
	return errs
}

// codes counts the error codes of errs ("" for nil).
func codes(errs []error) map[string]int {
	m := map[string]int{}
	for _, err := range errs {
		m[idp.ErrorCode(err)]++
	}
	return m
}
