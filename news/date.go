package news

import (
	"strings"
	"time"
)

// dateLayouts are the spellings of a publication time met in meta tags,
// JSON-LD and feeds, with a zone first.
var dateLayouts = []struct {
	layout  string
	hasTime bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04:05.000Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{"2006-01-02 15:04:05Z07:00", true},
	{"2006-01-02 15:04:05 -0700", true},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{"Mon, 2 Jan 2006 15:04:05 -0700", true},
	{"Mon, 2 Jan 2006 15:04:05 MST", true},
	{"2006-01-02T15:04:05", true},
	{"2006-01-02 15:04:05", true},
	{"2006-01-02T15:04", true},
	{"2006-01-02", false},
	{"2006/01/02", false},
}

// normalizeDate spells a publication time as RFC 3339 (with the zone the
// page gave; a time without a zone is read as UTC), or a date alone as
// YYYY-MM-DD. A value no layout reads gives "".
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, l := range dateLayouts {
		t, err := time.Parse(l.layout, s)
		if err != nil {
			continue
		}
		if t.Year() < 1900 || t.Year() > 2200 {
			return ""
		}
		if !l.hasTime {
			return t.Format("2006-01-02")
		}
		return t.Format(time.RFC3339)
	}
	return ""
}

// NormalizeDate is normalizeDate for the readers of feeds.
func NormalizeDate(s string) string { return normalizeDate(s) }

// FormatTime spells t as a publication time; "" for the zero time.
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}
