package oauth

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestMetrics(t *testing.T) {
	f := newFixture(t)
	reg := prometheus.NewRegistry()
	f.h.Metrics = NewMetrics(reg)
	f.okToken(form("grant_type", "client_credentials", "client_id", m2mID, "client_secret", m2mSecret, "audience", apiAud))
	f.token(form("grant_type", "client_credentials", "client_id", m2mID, "client_secret", "bad", "audience", apiAud))
	f.token(form("grant_type", "urn:made:up", "client_id", m2mID))
	got := map[string]float64{}
	mfs, err := reg.Gather()
	must(t, err)
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			l := m.GetLabel()
			got[l[0].GetValue()+" "+l[1].GetValue()] = m.GetCounter().GetValue()
		}
	}
	want := map[string]float64{"client_credentials issued": 1, "client_credentials access_denied": 1,
		"other unsupported_grant_type": 1}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}
