package dedup

// Clusters groups documents linked as near-duplicates into clusters
// (the transitive closure of the links), keeping the order in which
// documents were first linked.
type Clusters struct {
	parent map[string]string
	order  []string
}

// Link records that a and b are near-duplicates.
func (c *Clusters) Link(a, b string) {
	if c.parent == nil {
		c.parent = map[string]string{}
	}
	ra, rb := c.root(a), c.root(b)
	if ra != rb {
		c.parent[rb] = ra
	}
}

func (c *Clusters) root(x string) string {
	p, ok := c.parent[x]
	if !ok {
		c.parent[x] = x
		c.order = append(c.order, x)
		return x
	}
	if p == x {
		return x
	}
	r := c.root(p)
	c.parent[x] = r
	return r
}

// Groups returns the clusters, each in the order its members were first
// linked, clusters in the order of their first member.
func (c *Clusters) Groups() [][]string {
	idx := map[string]int{}
	var out [][]string
	for _, x := range c.order {
		r := c.root(x)
		i, ok := idx[r]
		if !ok {
			i = len(out)
			idx[r] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], x)
	}
	return out
}
