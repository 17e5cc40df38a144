package gateway

import "log/slog"

// ReloadFile loads the gateway file at path and reloads from it, as on
// SIGHUP. The listeners and TLS files cannot change without a restart:
// they keep their running values, with a warning if the file changed
// them. Any error leaves the running table in place and is counted.
func (g *Gateway) ReloadFile(path string) error {
	cfg, err := Load(path)
	if err != nil {
		g.metrics.reloads.WithLabelValues("error").Inc()
		return err
	}
	old := g.Config()
	if cfg.Listen != old.Listen || cfg.AdminListen != old.AdminListen ||
		cfg.TLSCert != old.TLSCert || cfg.TLSKey != old.TLSKey {
		g.log.Warn("listen, admin_listen, tls_cert and tls_key change only on restart; keeping the running ones",
			slog.String("file", path))
	}
	cfg.Listen, cfg.AdminListen, cfg.TLSCert, cfg.TLSKey = old.Listen, old.AdminListen, old.TLSCert, old.TLSKey
	return g.Reload(cfg)
}
