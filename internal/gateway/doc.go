// Package gateway is Gatehouse's API gateway: a route table of method and
// path patterns sent to upstream URLs through httputil.ReverseProxy, with
// JWT authorizers (jwtauth validators) in front, as an API gateway's JWT
// authorizer with a default authorizer does (seed 000).
//
//	listen: 127.0.0.1:8080
//	admin_listen: 127.0.0.1:9090        # /metrics and /healthz; optional
//	upstream_timeout: 30s
//	authorizers:
//	  - name: gatehouse
//	    issuer_url: https://localhost:8443/   # the tokens' iss, exactly
//	    audience: api/fruit                  # or a list
//	    algorithms: [RS256]                  # optional
//	    ca_file: .gatehouse/tls/ca.pem       # optional extra trust
//	default_authorizer: gatehouse
//	routes:
//	  - {method: GET, path: /api/fruit/usual, upstream: http://127.0.0.1:5000,
//	     any_scopes: [read:usual-fruit, read:exotic-fruit]}
//	  - {method: ANY, path: /api/public, upstream: http://127.0.0.1:5001, public: true}
//	  - {path: /legacy/, upstream: http://10.0.0.9, strip_prefix: /legacy,
//	     authorizer: other, scopes: [a, b], permissions: [p], pass_token: true, timeout: 5s}
//
// Decoding is strict: unknown or repeated keys and wrongly typed values
// are errors, and every problem is reported at once with its line. A
// route is public, or has the default authorizer or its own: one with
// neither is an error, so nothing is left open by omission. Paths are Go
// ServeMux patterns ("/items/{id}", "/static/", "/files/{p...}", "/{$}");
// two patterns that conflict are an error.
//
// # A request
//
//	strip X-Auth-Subject, -Scopes, -Permissions, -Client-Id (also with _)
//	match the route                          none: 404 JSON
//	verify the bearer token (jwtauth)        401 / 400 RFC 6750, 503 no keys
//	check scopes (all), any_scopes, perms    403 insufficient_scope
//	proxy: strip_prefix, X-Forwarded-*,      upstream down: 502 JSON
//	  X-Auth-* from the verified claims,     timeout: 504 JSON
//	  Authorization only with pass_token
//
// Reload swaps a new table in atomically: requests in flight finish on the
// old one. Key sets and validators whose settings did not change carry
// over, so a reload refetches no keys and keeps the token cache; a config
// that fails to build leaves the running table alone.
//
// Each request is one JSON access-log line (route, method, path, status,
// bytes, duration_ms, remote, sub) and counts in
// gatehouse_gateway_requests_total{route,code} and
// gatehouse_gateway_request_duration_seconds{route}; reloads count in
// gatehouse_gateway_config_reloads_total{result}. The metrics are served
// on admin_listen, never on the gateway's own listener, so that no route
// can shadow them and no client can read them.
package gateway
