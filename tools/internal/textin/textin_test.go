package textin

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

const sample = "全球數據安全倡議\n各國應以事實為依據"

func mustEncode(t *testing.T, s string, enc interface{ String(string) (string, error) }) []byte {
	t.Helper()
	out, err := enc.String(s)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}

func TestDecodeEncodings(t *testing.T) {
	gb := mustEncode(t, sample, simplifiedchinese.GB18030.NewEncoder())
	big5 := mustEncode(t, sample, traditionalchinese.Big5.NewEncoder())
	tests := []struct {
		name     string
		data     []byte
		enc      string
		wantEnc  string
		wantText string
	}{
		{"utf-8", []byte(sample), "utf-8", "utf-8", sample},
		{"utf-8 with BOM", append([]byte("\xEF\xBB\xBF"), sample...), "utf-8", "utf-8", sample},
		{"CRLF and CR line ends", []byte("a\r\nb\rc"), "utf-8", "utf-8", "a\nb\nc"},
		{"gb18030 declared", gb, "gb18030", "gb18030", sample},
		{"gbk declared", gb, "gbk", "gbk", sample},
		{"big5 declared", big5, "big5", "big5", sample},
		{"utf-8 detected", []byte(sample), "", "utf-8", sample},
		{"gb18030 detected", gb, "", "gb18030", sample},
		{"big5 detected", big5, "", "big5", sample},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode("f.txt", tt.data, tt.enc)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.wantText || enc != tt.wantEnc {
				t.Errorf("got %q (%s), want %q (%s)", text, enc, tt.wantText, tt.wantEnc)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, enc string
		data      []byte
		want      string
	}{
		{"empty", "utf-8", nil, "f.txt: source is empty"},
		{"only white space and BOM", "", []byte("\xEF\xBB\xBF \n\r\n\t"), "f.txt: source is empty"},
		{"NUL byte", "", []byte("text\nmore\x00"), "f.txt:2: binary file: NUL byte; a capture must be text"},
		{"control characters", "utf-8", []byte("ok\n\x01\x02\x03"), "f.txt:2: binary file: control character U+0001; a capture must be text"},
		{"invalid utf-8", "utf-8", []byte("ok\nok\nbad \xff here"), "f.txt:3: bytes that are not valid utf-8 (0xff at byte 10)"},
		{"invalid big5", "big5", []byte("ok\n\xff\xff\n"), "f.txt:2: bytes that do not decode as big5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode("f.txt", tt.data, tt.enc)
			var e *fileerr.Error
			if !errors.As(err, &e) || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLinesFoldWhiteSpace(t *testing.T) {
	lines := Lines("  a \t b  \n\n\u3000中文\u00A0 文\u200B字 \n")
	want := []Line{{1, "a b"}, {2, ""}, {3, "中文 文字"}, {4, ""}}
	if len(lines) != len(want) {
		t.Fatalf("%v", lines)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d: %+v, want %+v", i+1, lines[i], want[i])
		}
	}
}

func TestHTMLLines(t *testing.T) {
	page := `<!doctype html>
<html><head><title>Portal</title><script>var x = "<p>not text</p>";</script></head>
<body>
<nav><a href="/">Home</a> <a href="/zh">中文</a></nav>
<div id="content">
  <h1>Global Initiative 全球倡议</h1>
  <p>States should act. <b>各国</b>应行动。</p>
  <p>Second &amp; last.<br>第二段，最后。</p>
  <style>p { color: red }</style>
</div>
<footer>Credit line</footer>
</body></html>`
	lines, err := HTMLLines("page.html", page, "#content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.Text)
	}
	want := []string{"Global Initiative 全球倡议", "States should act. 各国应行动。", "Second & last.", "第二段，最后。"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if lines[1].N != 7 {
		t.Errorf("paragraph 2 is on line %d, want 7", lines[1].N)
	}
	if _, err := HTMLLines("page.html", page, "#missing"); err == nil || !strings.Contains(err.Error(), `page.html: selector "#missing" matches nothing`) {
		t.Errorf("missing selector: %v", err)
	}
}

// TestReadLocal: a capture is read from inside its folder only, and never
// through a symbolic link, even one that stays inside.
func TestReadLocal(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "sources")
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{filepath.Join(root, "secret.txt"), filepath.Join(dir, "sub", "a.txt")} {
		if err := os.WriteFile(f, []byte("text\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(dir, "out.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("sub/a.txt", filepath.Join(dir, "in.txt")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want string }{
		{"sub/a.txt", ""},
		{"out.txt", "sources/out.txt is a symbolic link; copy the capture into sources/ instead"},
		{"in.txt", "sources/in.txt is a symbolic link; copy the capture into sources/ instead"},
		{"../secret.txt", `file "../secret.txt" leaves sources/: name a file inside it, with / between folders`},
		{filepath.Join(root, "secret.txt"), `leaves sources/`},
	} {
		data, err := ReadLocal(dir, "sources", tt.file)
		switch {
		case tt.want == "" && (err != nil || string(data) != "text\n"):
			t.Errorf("%s: %q, %v", tt.file, data, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.file, err, tt.want)
		}
	}
}
