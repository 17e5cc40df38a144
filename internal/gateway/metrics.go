package gateway

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the gateway's Prometheus series, made once per Gateway so
// that they outlive reloads.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	reloads  *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_requests_total",
			Help: "Requests by route name and HTTP status.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "gatehouse_gateway_request_duration_seconds",
			Help:    "Time to answer, authorization and upstream included, by route name.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "gatehouse_gateway_config_reloads_total",
			Help: "Configuration reloads by result (ok, error).",
		}, []string{"result"}),
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.requests, m.duration, m.reloads} {
		if err := reg.Register(c); err != nil {
			return nil, errors.Join(errors.New("gateway: registering metrics"), err)
		}
	}
	return m, nil
}
