// A stand-in for github.com/markusmobius/go-dateparser, wired in by a replace directive in
// chronicle's go.mod. See doc.go.
module github.com/markusmobius/go-dateparser

go 1.26.0
