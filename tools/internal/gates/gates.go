// Package gates holds the site's release gates, run by `go test ./...`
// against the real content built with Hugo, indexed with Pagefind and served
// on 127.0.0.1: every page of the sitemaps loads in Chromium without console
// errors, failed requests, requests to other hosts or Content-Security-Policy
// violations; axe-core finds no WCAG 2.2 AA violation; the Nu HTML checker
// finds no error; and screenshots of the main pages are written for review.
// The tests are in gates_test.go; this file holds the policy they check.
package gates

// CSP is the site's Content-Security-Policy, as the <meta> in
// layouts/_partials/components/csp.html carries it. static/_headers sends the same
// policy plus frame-ancestors (which browsers ignore in a <meta>).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"

// HeadersOnly are the directives only the HTTP header can carry.
const HeadersOnly = "frame-ancestors 'none'"
