// Package events codes who did what to whom, when and where — and whether it happened at all —
// as CAMEO events with their PLOVER category.
//
// # Dictionaries
//
// The coder reads the PETRARCH2 verb-pattern dictionaries (CAMEO codes, synsets, patterns with
// source and target slots), actor, agent and discard dictionaries (package petrarch), compiles
// them into word-id tries (Compile) and embeds the production set (CAMEO.2.0 verbs with
// chronicle's own patterns from extra.txt, the Phoenix actors, agents and discards) in the
// compact form of WriteBinary, derived by `go run ./events/internal/gen`. Default loads it once.
//
// # Two ways of coding
//
// CodeDoc codes a document the way PETRARCH2 does, for its validation records: dictionary
// actors, the nearest noun phrases as source and target, PETRARCH2's transformations of negated
// cooperation and of statements of force. It is what `chronicle annotate --task events --format
// petrarch` and `chronicle eval petrarch` run.
//
// Code codes a news article for the pipeline (Options.Article): the article's entities are the
// actors, and a noun phrase's head names it ("Russian President Vladimir Putin" is Putin,
// RUSGOV as of the article's date). A verb's source is the subject of its own clause — a
// pronoun resolved to the person last the subject of a verb, "the two leaders" to the last two
// people named, a quote's first person or verbless start ("“Will be speaking to President Putin
// …”") to its speaker — and its target an object or prepositional object of that clause, never a
// topic ("spoke about the Israel–Iran conflict") or a place ("in Ukraine"); events without a
// target are not coded, except the symmetric acts of a compound subject ("Trump and Putin
// spoke"). Meetings and calls named by nouns are coded in their frames ("during a telephone
// conversation the two leaders had on Thursday", "a phone call with Trump", "their last phone
// call"). Each event gets one modality (negated, hypothetical, hedged, future, asserted), the
// date of the time expression governing it (else the article's), the place named with it
// (package actors' places), the quote it sits in, a confidence and the pattern that produced it.
//
// PloverCategory gives the PLOVER category of a sentence as the PLOVER manual reads a report:
// the main clause's act, through reporting and stance verbs, intent and condition (`chronicle
// eval plover`).
//
// All offsets are byte offsets into the document's text.
package events
