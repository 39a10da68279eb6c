// Package similar is the similarity engine behind the comparison tools: it
// turns bilingual texts into terms (English words and Chinese character
// bigrams), weights them by TF-IDF over a corpus, and compares them by
// cosine. It is small on purpose: the texts are short and official, and
// what editors need is a ranked suggestion they can check, not a model.
package similar

import (
	"math"
	"sort"
	"strings"
	"unicode"
)

// Terms returns the terms of a text in any mix of English and Chinese:
// lower-cased English words without stop words and with plurals folded, and
// the character bigrams of each run of Han characters (a lone character
// stands for itself). Chinese has no spaces, and bigrams capture most words.
func Terms(text string) []string {
	var terms []string
	var word []rune
	var han []rune
	flushWord := func() {
		if len(word) > 0 {
			if w := stem(string(word)); w != "" && !stopWords[w] {
				terms = append(terms, w)
			}
			word = word[:0]
		}
	}
	flushHan := func() {
		switch {
		case len(han) == 1:
			terms = append(terms, string(han))
		case len(han) > 1:
			for i := 0; i+1 < len(han); i++ {
				terms = append(terms, string(han[i:i+2]))
			}
		}
		han = han[:0]
	}
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			flushWord()
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '-' && len(word) > 0):
			flushHan()
			word = append(word, unicode.ToLower(r))
		default:
			flushWord()
			flushHan()
		}
	}
	flushWord()
	flushHan()
	return terms
}

// stem folds the commonest English inflections so that "backdoors" meets
// "backdoor" and "countries" meets "country".
func stem(w string) string {
	w = strings.Trim(w, "-")
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above after all also an and any are as at be been being both but by can could
		do doe does each either for from further had ha has have he her here his how i if in into is it its itself
		may might more most must no nor not of off on once only or other our ours out over own same shall she
		should so some such than that the their them then there these they thi this those through to too under
		until up very wa was we were what when where which while who whom why will with would you your
		well between among upon via per`) {
		stopWords[w] = true
	}
}

// Vector is a sparse, L2-normalised TF-IDF vector.
type Vector map[string]float64

// Index holds the inverse document frequencies of a corpus.
type Index struct {
	idf map[string]float64
	n   int
}

// NewIndex computes smoothed IDF weights over documents given as terms.
func NewIndex(docs [][]string) *Index {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range d {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}
	ix := &Index{idf: make(map[string]float64, len(df)), n: len(docs)}
	for t, c := range df {
		ix.idf[t] = math.Log(float64(1+len(docs))/float64(1+c)) + 1
	}
	return ix
}

// Vector weights terms by sublinear term frequency times IDF and normalises
// the result. Terms unknown to the corpus weigh as if seen once.
func (ix *Index) Vector(terms []string) Vector {
	tf := map[string]int{}
	for _, t := range terms {
		tf[t]++
	}
	v := make(Vector, len(tf))
	norm := 0.0
	for t, c := range tf {
		idf, ok := ix.idf[t]
		if !ok {
			idf = math.Log(float64(1+ix.n)) + 1
		}
		w := (1 + math.Log(float64(c))) * idf
		v[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range v {
		v[t] /= norm
	}
	return v
}

// Cosine is the cosine similarity of two normalised vectors, in [0, 1].
func Cosine(a, b Vector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	s := 0.0
	for t, w := range a {
		s += w * b[t]
	}
	return s
}

// Shared lists the terms two vectors have in common, heaviest first, to
// show why two texts were found alike.
func Shared(a, b Vector, n int) []string {
	type tw struct {
		t string
		w float64
	}
	var ts []tw
	for t, w := range a {
		if w2, ok := b[t]; ok {
			ts = append(ts, tw{t, w * w2})
		}
	}
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].w != ts[j].w {
			return ts[i].w > ts[j].w
		}
		return ts[i].t < ts[j].t
	})
	var out []string
	for i := 0; i < len(ts) && i < n; i++ {
		out = append(out, ts[i].t)
	}
	return out
}
