package main

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"

	"github.com/gatehouse/gatehouse/internal/mail"
)

// options are the settings shared by the commands that open the database.
type options struct {
	data      string // data directory: SQLite file, secret, TLS files
	database  string // postgres://… ; empty: SQLite in data
	issuer    string // https://host[:port]/
	listen    string
	tenant    string // tenant.yaml applied at start
	tlsCert   string
	tlsKey    string
	plainHTTP bool
	proxies   string    // trusted proxies: addresses and CIDRs, comma-separated
	smtp      mail.SMTP // Addr empty: mail goes to the file mailbox in data
	dev       bool      // gatehouse dev: serve the mailbox page
}

// envDefault returns the GATEHOUSE_<NAME> variable or def.
func envDefault(name, def string) string {
	if v, ok := os.LookupEnv("GATEHOUSE_" + name); ok {
		return v
	}
	return def
}

func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: gatehouse %s\n\n%s\n\nFlags (each also read from the environment variable shown):\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// defaultData is every command's data directory, so that `gatehouse users`,
// `keys` or `apply` act on the database `gatehouse dev` or `serve` uses.
const defaultData = ".gatehouse"

// storeFlags registers the flags every database-opening command takes.
func (o *options) storeFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.data, "data", envDefault("DATA", defaultData),
		"data directory: SQLite database, master secret, TLS files (GATEHOUSE_DATA)")
	fs.StringVar(&o.database, "database", envDefault("DATABASE", ""),
		"PostgreSQL URL postgres://…; empty uses SQLite in the data directory (GATEHOUSE_DATABASE)")
}

// serveFlags registers the flags of the commands that run a server.
func (o *options) serveFlags(fs *flag.FlagSet, listenDefault string) {
	fs.StringVar(&o.listen, "listen", envDefault("LISTEN", listenDefault),
		"host:port to listen on (GATEHOUSE_LISTEN)")
	fs.StringVar(&o.issuer, "issuer", envDefault("ISSUER", ""),
		"public base URL, the tokens' iss, e.g. https://auth.example.com/ (GATEHOUSE_ISSUER); default https://localhost:<port>/")
	fs.StringVar(&o.tenant, "tenant", envDefault("TENANT", ""),
		"tenant.yaml (auth0-deploy-cli format) applied at start (GATEHOUSE_TENANT)")
	fs.StringVar(&o.tlsCert, "tls-cert", envDefault("TLS_CERT", ""),
		"TLS certificate PEM; empty: a local CA and certificate are made in the data directory (GATEHOUSE_TLS_CERT)")
	fs.StringVar(&o.tlsKey, "tls-key", envDefault("TLS_KEY", ""),
		"TLS private key PEM (GATEHOUSE_TLS_KEY)")
	fs.StringVar(&o.smtp.Addr, "smtp-addr", envDefault("SMTP_ADDR", ""),
		"SMTP server host:port for password-reset and verification mail; empty writes mail to DATA/mailbox (GATEHOUSE_SMTP_ADDR)")
	fs.StringVar(&o.smtp.From, "mail-from", envDefault("MAIL_FROM", ""), "From address of mail (GATEHOUSE_MAIL_FROM)")
	fs.StringVar(&o.smtp.Username, "smtp-user", envDefault("SMTP_USER", ""), "SMTP user name (GATEHOUSE_SMTP_USER)")
	o.smtp.Password = os.Getenv("GATEHOUSE_SMTP_PASSWORD") // never a flag: it would show in ps
	fs.BoolVar(&o.plainHTTP, "insecure-plain-http", envDefault("INSECURE_PLAIN_HTTP", "") == "true",
		"serve plain HTTP, only behind a TLS-terminating proxy; the issuer stays https:// (GATEHOUSE_INSECURE_PLAIN_HTTP=true)")
	fs.StringVar(&o.proxies, "trusted-proxies", envDefault("TRUSTED_PROXIES", ""),
		"comma-separated addresses or CIDRs of proxies whose X-Forwarded-For names the client, for brute-force protection and IP throttling; empty: X-Forwarded-For is ignored (GATEHOUSE_TRUSTED_PROXIES)")
}

// normalizeIssuer checks the issuer and gives it the trailing slash every
// Auth0 client expects (contract §1.1).
func (o *options) normalizeIssuer() error {
	if o.issuer == "" {
		_, port, _ := strings.Cut(o.listen, ":")
		o.issuer = "https://localhost:" + port + "/"
	}
	u, err := url.Parse(o.issuer)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("--issuer %q: want an https:// URL with a host and no query", o.issuer)
	}
	if !strings.HasSuffix(o.issuer, "/") {
		o.issuer += "/"
	}
	if o.tlsCert == "" != (o.tlsKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key go together")
	}
	return nil
}

// parseVerb takes the subcommand word of `keys` or `users` (one of verbs)
// and parses the flags after it. An unknown or missing word is refused
// before anything is opened.
func parseVerb(fs *flag.FlagSet, args []string, verbs ...string) (string, error) {
	if len(args) == 0 || !slices.Contains(verbs, args[0]) {
		fs.Usage()
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return "", flag.ErrHelp
		}
		command, _, _ := strings.Cut(fs.Name(), " ")
		return "", fmt.Errorf("%s needs one of: %s", command, strings.Join(verbs, ", "))
	}
	return args[0], fs.Parse(args[1:])
}
