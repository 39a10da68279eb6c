package compare

import "unicode"

// Common is the share of two texts that a diff finds in both, from 0 to 1:
// the units in its common runs, counted on each side, over the units of
// both texts. A unit is a Han character or a run of other letters and
// digits (a word), so that English is measured in words and Chinese in
// characters; punctuation and spaces do not count.
func Common(ops []Op) float64 {
	common, all := 0, 0
	for _, op := range ops {
		n := units(op.Text)
		if op.Kind == "=" {
			// In both texts.
			n *= 2
			common += n
		}
		all += n
	}
	if all == 0 {
		return 0
	}
	return float64(common) / float64(all)
}

// units counts the Han characters and the words of s.
func units(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			n++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				n++
			}
			inWord = true
		default:
			inWord = false
		}
	}
	return n
}
