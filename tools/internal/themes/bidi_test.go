package themes

import (
	"strings"
	"testing"
)

// TestBidiControls: a theme's name (or description, or explanation) with an
// invisible character that reorders text is refused at its line.
func TestBidiControls(t *testing.T) {
	for _, tt := range []struct{ old, new, want string }{
		{`en = "Old"`, "en = \"Old \u202Edlo\"", `data/themes.toml:20: theme old: name.en contains U+202E RIGHT-TO-LEFT OVERRIDE`},
		{`en = "Backdoors"`, "en = \"Back\u2066doors\"", `data/themes.toml:6: theme backdoors: name.en contains U+2066 LEFT-TO-RIGHT ISOLATE`},
	} {
		if !strings.Contains(valid, tt.old) {
			t.Fatalf("fixture lacks %q", tt.old)
		}
		_, err := Parse([]byte(strings.Replace(valid, tt.old, tt.new, 1)), testLocales, byDate, parts)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("got %v\nwant %q", err, tt.want)
		}
	}
}
