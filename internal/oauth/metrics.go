package oauth

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts token requests by grant and outcome.
type Metrics struct {
	tokens *prometheus.CounterVec
}

// NewMetrics returns Metrics registered on reg (nil: unregistered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "gatehouse_oauth_tokens_total",
		Help: "Token endpoint requests by grant type and outcome (issued, or the OAuth error code).",
	}, []string{"grant", "outcome"})}
	if reg != nil {
		reg.MustRegister(m.tokens)
	}
	return m
}

// observe counts one request; a nil *Metrics counts nothing. Labels stay
// bounded: unknown grant types count as "other", outcomes are our codes.
func (m *Metrics) observe(grantType string, err error) {
	if m == nil {
		return
	}
	if _, ok := grants[grantType]; !ok {
		grantType = "other"
	}
	outcome := "issued"
	if err != nil {
		outcome = asError(err).Code
	}
	m.tokens.WithLabelValues(grantType, outcome).Inc()
}
