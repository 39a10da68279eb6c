package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func project(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const testConfig = `baseURL = "https://example.org/sub"
defaultContentLanguage = "fr"
[languages.fr]
locale = "fr-FR"
weight = 2
[languages.de]
locale = "de"
weight = 1
`

func TestLoad(t *testing.T) {
	root := project(t, map[string]string{
		"config.toml":  testConfig,
		"i18n/fr.toml": "point = \"Point {{ .N }}\"\nclosing = \"Fin{{ if gt .N 1 }} {{ .N }}{{ end }}\"\n",
		"i18n/de.toml": "point = \"Punkt {{ .N }}\"\n",
	})
	s, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Locales(), " "); got != "de fr-FR" {
		t.Errorf("locales in weight order = %q", got)
	}
	fr := s.Language("fr-FR")
	if fr == nil || fr.Key != "fr" {
		t.Fatalf("Language(fr-FR) = %+v", fr)
	}
	for _, tt := range []struct {
		id   string
		n    int
		want string
	}{{"point", 3, "Point 3"}, {"closing", 1, "Fin"}, {"closing", 2, "Fin 2"}} {
		if got, err := fr.T(tt.id, map[string]any{"N": tt.n}); err != nil || got != tt.want {
			t.Errorf("T(%s, %d) = %q, %v; want %q", tt.id, tt.n, got, err, tt.want)
		}
	}
	if _, err := s.Language("de").T("closing", map[string]any{"N": 1}); err == nil || !strings.Contains(err.Error(), `i18n/de.toml: no string "closing"`) {
		t.Errorf("a missing string: %v", err)
	}
	// The default language is at the root unless defaultContentLanguageInSubdir.
	if got := s.RelURL(fr, "a/b"); got != "/a/b/" {
		t.Errorf("RelURL(fr) = %q", got)
	}
	if got := s.Permalink(s.Language("de"), "a"); got != "https://example.org/sub/de/a/" {
		t.Errorf("Permalink(de) = %q", got)
	}
	s.DefaultInSubdir = true
	if got := s.RelURL(fr, ""); got != "/fr/" {
		t.Errorf("RelURL(fr, home) in a subdir = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tt := range []struct{ name, config, want string }{
		{"no languages", "baseURL = \"https://x/\"\n", "config.toml: no [languages]"},
		{"no locale", "[languages.en]\nweight = 1\n", "config.toml: languages.en has no locale"},
		{"syntax", "baseURL = \n", "config.toml:1:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(project(t, map[string]string{"config.toml": tt.config}))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
	root := project(t, map[string]string{"config.toml": "[languages.en]\nlocale = \"en\"\n", "i18n/en.toml": "x = \"{{ .A \"\n"})
	if _, err := Load(root); err == nil || !strings.HasPrefix(err.Error(), "i18n/en.toml") {
		t.Errorf("a broken string: %v", err)
	}
}

// TestRepositorySite: the project's own configuration has every language's
// strings for the labels ingest renders.
func TestRepositorySite(t *testing.T) {
	s, err := Load("../../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range s.Languages {
		for _, kind := range []string{"preamble", "intro", "point", "closing"} {
			if _, err := l.T("partLabel_"+kind, map[string]any{"N": 2}); err != nil {
				t.Error(err)
			}
		}
	}
}
