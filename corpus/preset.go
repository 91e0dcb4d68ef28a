package corpus

import (
	"fmt"
	"strconv"
)

// DefaultPreset is the schema a new database starts with.
const DefaultPreset = "wojood"

// Presets lists the names Preset accepts.
func Presets() []string { return []string{"wojood", "anercorp", "ace2005"} }

// Preset returns a fresh copy of a named schema. Every preset carries the
// ACE 2005 event types, so event annotation works whatever entity set is
// chosen.
func Preset(name string) (Schema, error) {
	var names []string
	var desc map[string]string
	switch name {
	case "wojood":
		names = []string{"PERS", "NORP", "OCC", "ORG", "GPE", "LOC", "FAC", "EVENT", "DATE", "TIME", "LANGUAGE",
			"WEBSITE", "LAW", "PRODUCT", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "UNIT", "MONEY", "CURR"}
		desc = wojoodDescriptions
	case "anercorp":
		names = []string{"PERS", "ORG", "LOC", "MISC"}
		desc = map[string]string{"PERS": "person", "ORG": "organisation", "LOC": "location", "MISC": "other named entity"}
	case "ace2005":
		names = []string{"PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA"}
		desc = map[string]string{"PER": "person", "ORG": "organisation", "GPE": "geo-political entity",
			"LOC": "location", "FAC": "facility", "VEH": "vehicle", "WEA": "weapon"}
	default:
		return Schema{}, fmt.Errorf("unknown schema preset %q (known: wojood, anercorp, ace2005)", name)
	}
	s := Schema{Preset: name}
	for i, n := range names {
		t := EntityType{Name: n, Colour: palette[i%len(palette)], Description: desc[n]}
		if i < 9 {
			t.Hotkey = strconv.Itoa(i + 1)
		}
		s.Entities = append(s.Entities, t)
	}
	for _, e := range ace2005Events {
		s.Events = append(s.Events, EventType{Name: e.Name, Roles: append([]string(nil), e.Roles...)})
	}
	return s, nil
}

// palette holds distinct mid-saturation hues (Tableau's 20): the
// annotation view draws them translucent behind the text, so they must be
// strong enough to tell apart there, and they stay readable in both themes.
var palette = []string{
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#17becf", "#e377c2", "#8c564b",
	"#bcbd22", "#7f7f7f", "#aec7e8", "#ff9896", "#98df8a", "#ffbb78", "#c5b0d5", "#9edae5",
	"#f7b6d2", "#c49c94", "#dbdb8d", "#c7c7c7", "#393b79",
}

var wojoodDescriptions = map[string]string{
	"PERS": "person", "NORP": "nationality, religious or political group", "OCC": "occupation",
	"ORG": "organisation", "GPE": "geo-political entity", "LOC": "location", "FAC": "facility",
	"EVENT": "named event", "DATE": "date", "TIME": "time", "LANGUAGE": "language", "WEBSITE": "website",
	"LAW": "law", "PRODUCT": "product", "CARDINAL": "cardinal number", "ORDINAL": "ordinal number",
	"PERCENT": "percentage", "QUANTITY": "quantity", "UNIT": "unit", "MONEY": "money", "CURR": "currency",
}

// ace2005Events is the ACE 2005 event inventory: 8 types, 33 subtypes, with
// the argument roles of the ACE English/Arabic annotation guidelines (the
// Time-* roles folded into one Time role, as ACE05-E preprocessing does).
var ace2005Events = []EventType{
	{"Life.Be-Born", []string{"Person", "Time", "Place"}},
	{"Life.Marry", []string{"Person", "Time", "Place"}},
	{"Life.Divorce", []string{"Person", "Time", "Place"}},
	{"Life.Injure", []string{"Agent", "Victim", "Instrument", "Time", "Place"}},
	{"Life.Die", []string{"Agent", "Victim", "Instrument", "Time", "Place"}},
	{"Movement.Transport", []string{"Agent", "Artifact", "Vehicle", "Price", "Origin", "Destination", "Time"}},
	{"Transaction.Transfer-Ownership", []string{"Buyer", "Seller", "Beneficiary", "Artifact", "Price", "Time", "Place"}},
	{"Transaction.Transfer-Money", []string{"Giver", "Recipient", "Beneficiary", "Money", "Time", "Place"}},
	{"Business.Start-Org", []string{"Agent", "Org", "Time", "Place"}},
	{"Business.Merge-Org", []string{"Org", "Time", "Place"}},
	{"Business.Declare-Bankruptcy", []string{"Org", "Time", "Place"}},
	{"Business.End-Org", []string{"Org", "Time", "Place"}},
	{"Conflict.Attack", []string{"Attacker", "Target", "Instrument", "Time", "Place"}},
	{"Conflict.Demonstrate", []string{"Entity", "Time", "Place"}},
	{"Contact.Meet", []string{"Entity", "Time", "Place"}},
	{"Contact.Phone-Write", []string{"Entity", "Time"}},
	{"Personnel.Start-Position", []string{"Person", "Entity", "Position", "Time", "Place"}},
	{"Personnel.End-Position", []string{"Person", "Entity", "Position", "Time", "Place"}},
	{"Personnel.Nominate", []string{"Person", "Agent", "Position", "Time", "Place"}},
	{"Personnel.Elect", []string{"Person", "Entity", "Position", "Time", "Place"}},
	{"Justice.Arrest-Jail", []string{"Person", "Agent", "Crime", "Time", "Place"}},
	{"Justice.Release-Parole", []string{"Person", "Entity", "Crime", "Time", "Place"}},
	{"Justice.Trial-Hearing", []string{"Defendant", "Prosecutor", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Charge-Indict", []string{"Defendant", "Prosecutor", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Sue", []string{"Plaintiff", "Defendant", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Convict", []string{"Defendant", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Sentence", []string{"Defendant", "Adjudicator", "Crime", "Sentence", "Time", "Place"}},
	{"Justice.Fine", []string{"Entity", "Adjudicator", "Money", "Crime", "Time", "Place"}},
	{"Justice.Execute", []string{"Person", "Agent", "Crime", "Time", "Place"}},
	{"Justice.Extradite", []string{"Person", "Agent", "Destination", "Origin", "Crime", "Time"}},
	{"Justice.Acquit", []string{"Defendant", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Appeal", []string{"Plaintiff", "Adjudicator", "Crime", "Time", "Place"}},
	{"Justice.Pardon", []string{"Defendant", "Adjudicator", "Crime", "Time", "Place"}},
}
