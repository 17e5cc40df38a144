package gateway

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteRoutes prints the route table as seed 000's deploy output does,
// one route a line: method, path, upstream, and who may call it.
func (c *Config) WriteRoutes(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Routes ->")
	for i := range c.Routes {
		r := &c.Routes[i]
		fmt.Fprintf(tw, "  %s\t%s\t-> %s\t%s\n", r.Method, r.Path, r.Upstream, c.access(r))
	}
	return tw.Flush()
}

// access describes who may call r.
func (c *Config) access(r *Route) string {
	if r.Public {
		return "public"
	}
	name := r.Authorizer
	if name == "" {
		name = c.DefaultAuthorizer
	}
	parts := []string{"authorizer " + name}
	if len(r.Scopes) > 0 {
		parts = append(parts, "scopes "+strings.Join(r.Scopes, " "))
	}
	if len(r.AnyScopes) > 0 {
		parts = append(parts, "any of "+strings.Join(r.AnyScopes, " "))
	}
	if len(r.Permissions) > 0 {
		parts = append(parts, "permissions "+strings.Join(r.Permissions, " "))
	}
	return strings.Join(parts, "; ")
}
