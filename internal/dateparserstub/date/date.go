// Package date holds the result type of the dateparser stand-in.
package date

import "time"

// Period is the granularity of a parsed date.
type Period uint8

// Date is a parsed date.
type Date struct {
	Time   time.Time
	Period Period
}

// IsZero reports whether no date was found.
func (d Date) IsZero() bool { return d.Time.IsZero() }
