// Package dbconn serves Auth0's database-connection endpoints (contract §5):
//
//	POST /dbconnections/signup           create a user; 200 with the user
//	POST /dbconnections/change_password  mail a reset link; 200 text, always
//
// Bodies are JSON or urlencoded forms. Errors use Auth0's family-B shape
// (contract §1.4): {"name","code","description","statusCode"}, with the
// PasswordStrengthError body of §13.4 for weak passwords.
//
// Codes that are Auth0's (observed): invalid_signup and, with the tenant
// flag enable_public_signup_user_exists_error, user_exists for a taken
// email or username; invalid_password for a weak password.
//
// Codes chosen here because Auth0's are unconfirmed (contract §19):
//
//	400 invalid_parameter       missing field, bad email, username, profile or user_metadata limits
//	400 invalid_connection      unknown connection, or not enabled for client_id
//	400 signup_disabled         the connection's disable_signup
//	400 invalid_body            malformed JSON or form
//	413 payload_too_large       body over the limit
//	415 unsupported_media_type  neither JSON nor form
//	429 too_many_attempts       brute-force or rate limit
//	503 temporarily_unavailable password hashing overloaded (with Retry-After)
//	500 server_error            a broken dependency; logged with the request id
package dbconn
