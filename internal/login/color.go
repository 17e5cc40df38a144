package login

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// minContrast is WCAG 2's AA ratio for normal text.
const minContrast = 4.5

// color is an sRGB colour.
type color struct{ r, g, b uint8 }

var (
	white = color{0xff, 0xff, 0xff}
	black = color{}
)

// parseColor accepts exactly "#rrggbb" or "rrggbb".
func parseColor(s string) (color, bool) {
	s = strings.TrimPrefix(s, "#")
	if len(s) != 6 {
		return color{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color{}, false
	}
	return color{uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}

// hex returns c as six lower-case hex digits.
func (c color) hex() string { return fmt.Sprintf("%02x%02x%02x", c.r, c.g, c.b) }

// css returns c as "#rrggbb".
func (c color) css() string { return "#" + c.hex() }

// luminance is WCAG 2's relative luminance.
func (c color) luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.r) + 0.7152*lin(c.g) + 0.0722*lin(c.b)
}

// contrast is WCAG 2's contrast ratio of a and b, from 1 to 21.
func contrast(a, b color) float64 {
	la, lb := a.luminance(), b.luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// textOn returns white or black, whichever reads better on bg; one of
// the two always reaches 4.5:1 (the worst case is about 4.58).
func textOn(bg color) color {
	if contrast(white, bg) >= contrast(black, bg) {
		return white
	}
	return black
}

// darkenFor returns c, darkened step by step until it reaches minContrast
// on bg (white here): a light brand colour still gives readable links.
func darkenFor(c, bg color) color {
	for range 64 {
		if contrast(c, bg) >= minContrast {
			break
		}
		c = color{uint8(float64(c.r) * 0.9), uint8(float64(c.g) * 0.9), uint8(float64(c.b) * 0.9)}
	}
	return c
}
