// Command fruit is seed 002's demo "API Fruit" (identifier api/fruit):
// two lists of fruit, usual and exotic, read and written according to the
// token's scopes (see api.go). It checks tokens itself with jwtauth, or
// runs behind `gatehouse gateway` (--behind-gateway). Quickstart in
// ../README.md.
//
//	go run ./examples/fruit --issuer https://localhost:8443/ --cacert .gatehouse/tls/ca.pem
package main

import "github.com/gatehouse/gatehouse/examples/internal/exampleapi"

func main() {
	f := exampleapi.Parse("api/fruit", "127.0.0.1:5000")
	exampleapi.Main("fruit API", f, newAPI().routes)
}
