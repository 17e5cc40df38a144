// Package config reads tenant files in the auth0-deploy-cli `tenant.yaml`
// format (contract §17) and applies them to a store.
//
//	Load/Parse  keywords (##KEY##, @@KEY@@) -> YAML tree -> ${ENV} -> strict check -> Tenant
//	Validate    every value and cross reference, all problems at once
//	Apply       one Atomic upsert: APIs, clients, connections, grants, roles, tenant
//
// Supported top-level keys: tenant, clients, resourceServers, clientGrants,
// databases, roles and attackProtection. Any other key, at any depth, is an
// error naming the file, line and key; the deploy CLI's other resource
// kinds (pages, actions, connections, …) are refused as unsupported.
//
// Keyword replacement works on the raw text before parsing, as the deploy
// CLI does, so `callbacks: @@CALLBACKS@@` can become a list; a placeholder
// with no mapping is an error. ${NAME} is expanded afterwards in scalar
// values only (never keys), so a variable cannot inject YAML; $${ is a
// literal ${, and an unset variable is an error.
//
// Cross references use names, as in the deploy CLI: clientGrants[].client_id
// and databases[].enabled_clients name clients of the same file (or their
// explicit client_id, a Gatehouse extension for tests and development,
// together with client_secret).
//
// Accepted but not enforced: attackProtection.breachedPasswordDetection
// (it needs a breach corpus Gatehouse does not have), the password
// history, dictionary and personal-info options, session_cookie,
// enabled_locales, and the client fields logo_uri, allowed_clients,
// client_aliases, custom_login_page_on, initiate_login_uri and
// jwt_configuration.secret_encoded. They are kept in
// the decoded Tenant but not stored. Refused with a clear message: HS256
// APIs (signing_secret), private_key_jwt clients, custom database scripts.
package config
