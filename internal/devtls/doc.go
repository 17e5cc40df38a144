// Package devtls makes the certificates `gatehouse dev` serves HTTPS with:
// a local CA the developer trusts once, and a leaf certificate it signs for
// the dev hosts. Browsers and SDKs need HTTPS for secure cookies and for
// issuers that must be https URLs.
//
// Files in the directory Ensure is given:
//
//	ca.pem      the CA certificate (add it to the trust store)
//	ca-key.pem  the CA private key (0600)
//	cert.pem    the leaf certificate
//	key.pem     the leaf private key (0600)
//
// The CA outlives many leaves: a leaf is reissued when it lacks a host or
// nears expiry, and the CA is kept so the developer's trust stays valid.
package devtls
