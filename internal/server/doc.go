// Package server is the composition root of the identity server: it builds
// the ServeMux, mounts each feature handler explicitly and wraps the whole
// in the common middleware (request ids, access logs, metrics, body limits,
// panic recovery).
//
// Routes:
//
//	GET  /healthz                          liveness
//	GET  /readyz                           database reachable, keys loaded
//	GET  /metrics                          Prometheus
//	GET  /.well-known/openid-configuration oauth
//	GET  /.well-known/jwks.json            oauth
//	POST /oauth/token, /oauth/revoke       oauth (CORS)
//	GET|POST /userinfo                     oauth (CORS)
//	POST /dbconnections/signup             dbconn (CORS)
//	POST /dbconnections/change_password    dbconn (CORS)
//	GET|POST /u/login, /u/signup           login: hosted pages
//	GET|POST /u/reset-password, /lo/reset  login
//	GET  /lo/verify_email                  login
//	GET  /dev/mailbox                      login (gatehouse dev only)
package server
