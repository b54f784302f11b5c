// Package cluster works across articles: it finds near-duplicate articles (wire copies,
// syndicated rewrites, updated versions), clusters event mentions into real-world events, and
// extracts count claims ("their sixth phone call since January") and checks them against the
// clustered timeline.
//
// The algorithms work on domain types and hold no state: Sketch, Dedup and Duplicate for
// near-duplicates; Events for clustering; Claims and Check for count claims. Update and Rebuild
// apply them to a chronicle.Store, incrementally after each ingested batch or from scratch.
// See doc/design.md, "Events across articles", for the algorithm and its guarantees.
package cluster
