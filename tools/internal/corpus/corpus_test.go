package corpus

import "testing"

func TestKey(t *testing.T) {
	k := Key("an-instrument", "point_3")
	if k != "an-instrument/point_3" {
		t.Errorf("Key = %q", k)
	}
	if inst, id := SplitKey(k); inst != "an-instrument" || id != "point_3" {
		t.Errorf("SplitKey(%q) = %q, %q", k, inst, id)
	}
	if inst, id := SplitKey("no-slash"); inst != "no-slash" || id != "" {
		t.Errorf("SplitKey without a slash = %q, %q", inst, id)
	}
}
