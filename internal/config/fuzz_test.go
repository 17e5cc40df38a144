package config

import (
	"os"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to Parse and Validate: errors are fine,
// panics are not.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile("testdata/tenant.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	for _, tc := range validateCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("clients:\n  - &c {name: x}\n  - <<: [*c, *c]\n"))
	f.Add([]byte("tenant: {friendly_name: ${X}$${Y}##K##}\nclients: @@L@@\n"))
	env := func(k string) (string, bool) { return "v-" + k, k != "UNSET" }
	opts := Options{Env: env, Keywords: map[string]any{"K": "k", "L": []any{map[string]any{"name": "n"}}}}
	f.Fuzz(func(t *testing.T, data []byte) {
		tn, err := Parse("fuzz.yaml", data, opts)
		if err != nil {
			_ = err.Error()
			return
		}
		if err := tn.Validate(); err != nil {
			_ = err.Error()
		}
	})
}
