package storetest

import (
	"testing"

	"github.com/gatehouse/gatehouse/internal/idp"
)

// Run runs the conformance suite against stores made by open. open is called
// once per subtest and must return a fresh, empty store; it registers its
// own cleanup (t.Cleanup).
func Run(t *testing.T, open func(t *testing.T) idp.Store) {
	for _, tc := range suite() {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t)) })
	}
}

// test is one named subtest of the suite.
type test struct {
	name string
	run  func(t *testing.T, s idp.Store)
}

func suite() []test {
	groups := [][]test{
		userTests(), clientTests(), resourceServerTests(), grantTests(),
		roleTests(), connectionTests(), tenantTests(), keyTests(),
		refreshTests(), failureTests(), attemptTests(), atomicTests(),
		transactionTests(), codeTests(), sessionTests(), purgeTests(),
	}
	var all []test
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}
