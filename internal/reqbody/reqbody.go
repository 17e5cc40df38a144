// Package reqbody decodes the request bodies of Auth0's Authentication API,
// which SDKs send as JSON or as a urlencoded form (contract §1.2), into one
// struct, with the body size bounded.
package reqbody

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// MaxBytes bounds a body when the server has not bounded it already.
const MaxBytes = 64 << 10

// Problems a body can have. Handlers map them to their own error shape.
var (
	ErrMediaType = errors.New("unsupported content type")
	ErrMalformed = errors.New("malformed body")
	ErrTooLarge  = errors.New("request body too large")
)

// Decode reads r's body into dst, a pointer to a struct with json tags.
// A form body is decoded as if each field were a JSON string; repeated
// form keys keep the first value.
func Decode(r *http.Request, dst any) error {
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ErrMediaType
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, MaxBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return ErrTooLarge
		}
		return ErrMalformed
	}
	switch media {
	case "application/json":
		return decodeJSON(body, dst)
	case "application/x-www-form-urlencoded":
		return decodeForm(body, dst)
	}
	return ErrMediaType
}

func decodeJSON(body []byte, dst any) error {
	if err := json.Unmarshal(body, dst); err != nil {
		return ErrMalformed
	}
	return nil
}

func decodeForm(body []byte, dst any) error {
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return ErrMalformed
	}
	flat := make(map[string]string, len(values))
	for k, v := range values {
		flat[k] = v[0]
	}
	b, err := json.Marshal(flat)
	if err != nil {
		return ErrMalformed
	}
	return decodeJSON(b, dst)
}
