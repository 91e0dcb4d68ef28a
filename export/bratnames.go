package export

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// brat stores a type or role name only in the form [A-Za-z0-9_-]: its
// configuration parser turns any other character into "_" and then
// knows the type only by that form, so that .ann lines with the original
// name are unknown types to its verifier. A role's trailing digits are
// its repeat number (Entity, Entity2). Tawsim names such as Contact.Meet
// are therefore written in a brat form (Contact-Meet) and the mapping is
// kept in annotation.conf, as comment lines brat ignores:
//
//	# tawsim type	Contact-Meet	Contact.Meet
//	# tawsim role	Arg1_	Arg1
//
// and import --format brat maps them back.

// bratNames maps Tawsim names to brat forms, one namespace (types, or
// roles) at a time, keeping every form distinct.
type bratNames struct {
	role   bool
	toBrat map[string]string
	taken  map[string]string // brat form → Tawsim name
}

func newBratNames(role bool) *bratNames {
	return &bratNames{role: role, toBrat: map[string]string{}, taken: map[string]string{}}
}

// form returns the brat form of name, choosing one the first time.
func (n *bratNames) form(name string) string {
	if f, ok := n.toBrat[name]; ok {
		return f
	}
	f := bratForm(name, n.role)
	for {
		if other, used := n.taken[f]; !used || other == name {
			break
		}
		f += "_" // another name has that form; "_" keeps it storable
	}
	n.toBrat[name], n.taken[f] = f, name
	return f
}

// bratForm spells a name in the characters brat stores: "." becomes "-",
// anything else outside [A-Za-z0-9_-] "_"; a role that ends in a digit
// gets "_" after it, since brat would take the digit for a repeat
// number.
func bratForm(name string, role bool) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '.':
			b.WriteByte('-')
		case r < unicode.MaxASCII && (r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	f := b.String()
	if f == "" || role && f[len(f)-1] >= '0' && f[len(f)-1] <= '9' {
		f += "_"
	}
	return f
}

// mapping renders the comment lines of the names whose brat form
// differs, sorted; kind is "type" or "role".
func (n *bratNames) mapping(kind string) []string {
	var out []string
	for name, f := range n.toBrat {
		if f != name {
			out = append(out, "# tawsim "+kind+"\t"+f+"\t"+name)
		}
	}
	sort.Strings(out)
	return out
}

// bratMapping is what an annotation.conf says about brat forms: the
// Tawsim name of each, for types and for roles.
type bratMapping struct {
	types, roles map[string]string
}

// typeName and roleName map a brat form back; a form without a mapping
// is the name itself.
func (m bratMapping) typeName(f string) string { return mapped(m.types, f) }
func (m bratMapping) roleName(f string) string { return mapped(m.roles, f) }

func mapped(m map[string]string, f string) string {
	if n, ok := m[f]; ok {
		return n
	}
	return f
}

// readBratMapping reads the mapping from the annotation.conf that brat
// would use for a document in dir: the nearest one in dir or a folder
// above it. None, or one without mapping lines, maps nothing.
func readBratMapping(dir string) bratMapping {
	m := bratMapping{types: map[string]string{}, roles: map[string]string{}}
	for {
		raw, err := os.ReadFile(filepath.Join(dir, "annotation.conf"))
		if err == nil {
			m.parse(string(raw))
			return m
		}
		up := filepath.Dir(dir)
		if up == dir {
			return m
		}
		dir = up
	}
}

func (m bratMapping) parse(conf string) {
	for _, line := range strings.Split(conf, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) != 3 || f[1] == "" || f[2] == "" {
			continue
		}
		switch f[0] {
		case "# tawsim type":
			m.types[f[1]] = f[2]
		case "# tawsim role":
			m.roles[f[1]] = f[2]
		}
	}
}
