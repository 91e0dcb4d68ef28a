package tawsim

// The tests open their databases through corpus.Open, which finds the
// embedded bbolt backend registered by this import.
import _ "github.com/tawsim/tawsim/boltstore"
