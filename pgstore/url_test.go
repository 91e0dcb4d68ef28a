package pgstore

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		url, want string
		secrets   []string
	}{
		{"postgres://alice:s3cr%40t@db.example.org:5432/tawsim?sslmode=require",
			"postgres://alice@db.example.org:5432/tawsim?sslmode=require", []string{"s3cr@t"}},
		{"postgres://layla@db.example.org/tawsim?password=%D8%B3%D8%B1&sslmode=verify-full",
			"postgres://layla@db.example.org/tawsim?sslmode=verify-full", []string{"سر"}},
		{"postgresql://:pw@/tawsim?host=/run/postgresql", "postgresql://@/tawsim?host=%2Frun%2Fpostgresql", []string{"pw"}},
		{"postgres://db/tawsim?sslkey=k.pem&sslpassword=keypass", "postgres://db/tawsim?sslkey=k.pem", []string{"keypass"}},
		{"postgres:///tawsim?host=/tmp/x&user=tawsim", "postgres:///tawsim?host=/tmp/x&user=tawsim", nil},
	}
	for _, tt := range tests {
		got, secrets, err := redact(tt.url)
		if err != nil || got != tt.want || strings.Join(secrets, ",") != strings.Join(tt.secrets, ",") {
			t.Errorf("redact(%q) = %q, %q, %v; want %q, %q", tt.url, got, secrets, err, tt.want, tt.secrets)
		}
	}
	if _, _, err := redact("postgres://alice:pa ss%zz@db/x"); err == nil || strings.Contains(err.Error(), "pa ss") {
		t.Errorf("a URL that does not parse: %v", err)
	}
	if got := scrub("cannot parse `postgres://a:hunter2@h/x`", []string{"hunter2"}); strings.Contains(got, "hunter2") {
		t.Errorf("scrub left the password: %s", got)
	}
}
