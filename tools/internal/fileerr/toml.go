package fileerr

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Occurrence is one place where a TOML file sets a key or opens a table.
type Occurrence struct {
	// Key is the key without positions, as toml.Key.String spells it
	// ("source.errata.part"); Path adds the index of each array of tables
	// it passes through ("source[2].errata[0].part").
	Key, Path string
	Line      int
	pieces    []string
	index     []int // per piece; -1 where the piece is not an array of tables
	header    bool
}

// Index lists where a TOML file sets each key and opens each table, in
// the order of the file. The decoder keeps one position per key, the last,
// which names the wrong [[table]] when the key repeats in each of them.
type Index struct {
	occ    []Occurrence
	byPath map[string]int // path → line of its first occurrence; see Line
	byKey  map[string]int // key → line of its first occurrence; see First
}

// IndexTOML reads the keys and table headers of a TOML text line by line.
// Keys inside inline tables and arrays are not listed: a problem there is
// placed at the key that holds them.
func IndexTOML(data []byte) *Index {
	x := &Index{}
	var table []string // current table's pieces
	var tableIdx []int
	counts := map[string]int{} // array-of-tables path -> elements so far
	s := scanner{}
	for n, line := range strings.Split(string(data), "\n") {
		start := s.idle()
		s.scan(line)
		if !start {
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "[["):
			pieces, ok := parseKey(strings.TrimPrefix(t, "[["), "]]")
			if !ok {
				continue
			}
			idx := x.indexFor(pieces, table, tableIdx)
			parent := pathOf(pieces[:len(pieces)-1], idx[:len(idx)-1]) + "." + toml.Key{pieces[len(pieces)-1]}.String()
			idx[len(idx)-1] = counts[parent]
			counts[parent]++
			table, tableIdx = pieces, idx
			x.add(pieces, idx, n+1, true)
		case strings.HasPrefix(t, "["):
			pieces, ok := parseKey(strings.TrimPrefix(t, "["), "]")
			if !ok {
				continue
			}
			idx := x.indexFor(pieces, table, tableIdx)
			table, tableIdx = pieces, idx
			x.add(pieces, idx, n+1, true)
		default:
			pieces, ok := parseKey(t, "=")
			if !ok {
				continue
			}
			all := append(append([]string{}, table...), pieces...)
			idx := append(append([]int{}, tableIdx...), make([]int, len(pieces))...)
			for i := len(tableIdx); i < len(idx); i++ {
				idx[i] = -1
			}
			x.add(all, idx, n+1, false)
		}
	}
	return x
}

// indexFor gives the pieces of a header the array indexes of the current
// table where they share a prefix, and -1 elsewhere.
func (x *Index) indexFor(pieces, table []string, tableIdx []int) []int {
	idx := make([]int, len(pieces))
	same := true
	for i := range pieces {
		idx[i] = -1
		if same && i < len(table) && table[i] == pieces[i] {
			idx[i] = tableIdx[i]
		} else {
			same = false
		}
	}
	return idx
}

func (x *Index) add(pieces []string, idx []int, line int, header bool) {
	x.occ = append(x.occ, Occurrence{
		Key: toml.Key(pieces).String(), Path: pathOf(pieces, idx), Line: line,
		pieces: pieces, index: idx, header: header,
	})
}

func pathOf(pieces []string, idx []int) string {
	var b strings.Builder
	for i, p := range pieces {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(toml.Key{p}.String())
		if idx[i] >= 0 {
			fmt.Fprintf(&b, "[%d]", idx[i])
		}
	}
	return b.String()
}

// Line is where the file sets the key or opens the table at path, written
// with the index of each array of tables: "decision[3]" (the header of the
// fourth [[decision]]), "source[0].errata[1].part". 0 when it does not.
func (x *Index) Line(path string) int {
	x.index()
	return x.byPath[path]
}

// index builds the lookups of Line and First once: a file with thousands
// of tables would otherwise be scanned once per lookup.
func (x *Index) index() {
	if x.byPath != nil {
		return
	}
	x.byPath, x.byKey = map[string]int{}, map[string]int{}
	for _, o := range x.occ {
		if _, ok := x.byPath[o.Path]; !ok {
			x.byPath[o.Path] = o.Line
		}
		if _, ok := x.byKey[o.Key]; !ok {
			x.byKey[o.Key] = o.Line
		}
	}
}

// First is the first line that sets key (without indexes, as toml.Key
// spells it) or opens a table of that name; 0 when none does.
func (x *Index) First(key string) int {
	x.index()
	return x.byKey[key]
}

// Within is the line of the first occurrence of key after the table header
// at path (a sub-key of it, e.g. Within("theme[2]", "verdict")), or the
// header's line when the key is not written there.
func (x *Index) Within(path, key string) int {
	if l := x.Line(path + "." + (toml.Key{key}).String()); l > 0 {
		return l
	}
	return x.Line(path)
}

// Occurrences lists every key set and table opened, in file order.
func (x *Index) Occurrences() []Occurrence { return x.occ }

// scanner follows strings and brackets across lines, so that a line inside
// a multi-line string or array is not read as a key.
type scanner struct {
	multi string // `"""` or `'''` while inside a multi-line string
	depth int    // open [ and { of values
}

func (s *scanner) idle() bool { return s.multi == "" && s.depth == 0 }

func (s *scanner) scan(line string) {
	afterEq := s.depth > 0
	for i := 0; i < len(line); i++ {
		if s.multi != "" {
			if strings.HasPrefix(line[i:], s.multi) {
				i += 2
				s.multi = ""
			} else if s.multi == `"""` && line[i] == '\\' {
				i++
			}
			continue
		}
		switch c := line[i]; {
		case c == '#':
			return
		case strings.HasPrefix(line[i:], `"""`), strings.HasPrefix(line[i:], `'''`):
			s.multi = line[i : i+3]
			i += 2
		case c == '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		case c == '\'':
			for i++; i < len(line) && line[i] != '\''; i++ {
			}
		case c == '=':
			afterEq = true
		case (c == '[' || c == '{') && afterEq:
			s.depth++
		case (c == ']' || c == '}') && afterEq && s.depth > 0:
			s.depth--
		}
	}
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+`)

// parseKey reads a dotted key at the start of s, which must be followed by
// end ("=" for a key, "]" or "]]" for a header).
func parseKey(s, end string) ([]string, bool) {
	var pieces []string
	for {
		s = strings.TrimLeft(s, " \t")
		switch {
		case strings.HasPrefix(s, `"`):
			j := 1
			for ; j < len(s) && s[j] != '"'; j++ {
				if s[j] == '\\' {
					j++
				}
			}
			if j >= len(s) {
				return nil, false
			}
			k, err := strconv.Unquote(s[:j+1])
			if err != nil {
				return nil, false
			}
			pieces, s = append(pieces, k), s[j+1:]
		case strings.HasPrefix(s, `'`):
			j := strings.IndexByte(s[1:], '\'')
			if j < 0 {
				return nil, false
			}
			pieces, s = append(pieces, s[1:j+1]), s[j+2:]
		default:
			k := bareKey.FindString(s)
			if k == "" {
				return nil, false
			}
			pieces, s = append(pieces, k), s[len(k):]
		}
		s = strings.TrimLeft(s, " \t")
		switch {
		case strings.HasPrefix(s, "."):
			s = s[1:]
		case strings.HasPrefix(s, end):
			return pieces, true
		default:
			return nil, false
		}
	}
}

// Doc is a decoded TOML file: its metadata, and where each key is.
type Doc struct {
	File string
	toml.MetaData
	*Index
}

// DecodeTOML decodes data into v. Its errors are *Error at the place of the
// problem: the position the parser gives for a syntax error, and for a value
// of the wrong type the line of the occurrence that has it (the decoder
// names the last line that sets the key, whichever [[table]] is wrong).
func DecodeTOML(file string, data []byte, v any) (*Doc, error) {
	text := string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))
	// A decode into plain values fails only on syntax, with the parser's
	// own position, which is right.
	var generic map[string]any
	if _, err := toml.Decode(text, &generic); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Error{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Msg: pe.Message}
		}
		return nil, &Error{File: file, Msg: err.Error()}
	}
	x := IndexTOML([]byte(text))
	md, err := toml.Decode(text, v)
	if err != nil {
		return nil, typeError(file, x, generic, reflect.TypeOf(v), err)
	}
	return &Doc{File: file, MetaData: md, Index: x}, nil
}

// Unknown reports the first key of the file that v has no field for, at
// the line of its first occurrence, or nil. ignore says which undecoded
// keys are expected (free-form tables); nil ignores none.
func (d *Doc) Unknown(ignore func(toml.Key) bool) error {
	for _, k := range d.Undecoded() {
		if ignore != nil && ignore(k) {
			continue
		}
		return &Error{File: d.File, Line: d.First(k.String()), Msg: fmt.Sprintf("unknown key %q", k.String())}
	}
	return nil
}

var lastKeyPrefix = regexp.MustCompile(`^toml: (line \d+ )?(\(last key "(.*?)"\): )?`)

// typeError finds the occurrence whose value does not fit its field: the
// first, in file order, that the decoder would refuse on its own.
func typeError(file string, x *Index, generic map[string]any, t reflect.Type, err error) error {
	msg, line := err.Error(), 0
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg, line = pe.Message, pe.Position.Line
	} else if m := lastKeyPrefix.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
	}
	// Plain values first, then inline tables, then [table] headers: a
	// table holding a wrong value does not fit either, but the value's own
	// line is the place to fix.
	// Within a pass the deepest misfit is the place: a [table] holding a
	// misfit does not fit either.
	for pass := 0; pass < 3; pass++ {
		var best *Occurrence
		for i, o := range x.occ {
			ft := fieldType(t, o.pieces)
			val, ok := valueAt(generic, o.pieces, o.index)
			if ft == nil || !ok {
				continue
			}
			if k := ft.Kind(); o.index[len(o.index)-1] >= 0 && (k == reflect.Slice || k == reflect.Array) {
				ft = ft.Elem() // one table of an array of tables
			}
			_, table := val.(map[string]any)
			switch {
			case !table && pass != 0, table && !o.header && pass != 1, table && o.header && pass != 2:
				continue
			}
			if (best == nil || len(o.pieces) > len(best.pieces)) && !fits(val, ft) {
				best = &x.occ[i]
			}
		}
		if best != nil {
			return &Error{File: file, Line: best.Line, Msg: fmt.Sprintf("%s: %s", best.Key, msg)}
		}
	}
	return &Error{File: file, Line: line, Msg: msg}
}

// fieldType is the Go type that the key decodes into, or nil when v has no
// field for it (or takes anything).
func fieldType(t reflect.Type, pieces []string) reflect.Type {
	for _, p := range pieces {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Map:
			t = t.Elem()
		case reflect.Struct:
			f, ok := fieldByKey(t, p)
			if !ok {
				return nil
			}
			t = f
		default:
			return nil
		}
	}
	return t
}

// fieldByKey finds the field a TOML key decodes into, as the decoder does:
// by tag, else by name regardless of case.
func fieldByKey(t reflect.Type, key string) (reflect.Type, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if name == key || (name == "" && strings.EqualFold(f.Name, key)) {
			return f.Type, true
		}
	}
	return nil, false
}

// valueAt is the plain value at an occurrence.
func valueAt(v any, pieces []string, idx []int) (any, bool) {
	for i, p := range pieces {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[p]; !ok {
			return nil, false
		}
		if idx[i] >= 0 {
			tables, ok := v.([]map[string]any)
			if !ok || idx[i] >= len(tables) {
				return nil, false
			}
			v = tables[idx[i]]
		}
	}
	return v, true
}

// fits says whether the decoder accepts value into a field of type t, by
// asking it: the rules (integers into floats, dates, TextUnmarshaler…) are
// its own.
func fits(value any, t reflect.Type) bool {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{"v": value}); err != nil {
		return true // cannot tell; the decoder's own message stands
	}
	st := reflect.StructOf([]reflect.StructField{{Name: "V", Type: t, Tag: `toml:"v"`}})
	_, err := toml.Decode(buf.String(), reflect.New(st).Interface())
	return err == nil
}
