package main

import (
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestFuzzWorkflowFuzzesEveryTargetNightlyAndUploadsFailures checks
// .github/workflows/fuzz.yml: it runs on a schedule and by hand, reads
// nothing but the code, fuzzes each target .ci/fuzz lists in a job of its
// own, and uploads the failing inputs when a job fails.
func TestFuzzWorkflowFuzzesEveryTargetNightlyAndUploadsFailures(t *testing.T) {
	b, err := os.ReadFile("../../.github/workflows/fuzz.yml")
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Needs    any `yaml:"needs"`
			Strategy struct {
				FailFast *bool          `yaml:"fail-fast"`
				Matrix   map[string]any `yaml:"matrix"`
			} `yaml:"strategy"`
			Steps []struct {
				If   string            `yaml:"if"`
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("fuzz.yml does not parse: %v", err)
	}
	for _, on := range []string{"schedule", "workflow_dispatch"} {
		if _, ok := w.On[on]; !ok {
			t.Errorf("it does not run on %s", on)
		}
	}
	if w.Permissions["contents"] != "read" || len(w.Permissions) != 1 {
		t.Errorf("permissions %v, want only contents: read", w.Permissions)
	}
	if !strings.Contains(w.Jobs["list"].Steps[len(w.Jobs["list"].Steps)-1].Run, ".ci/fuzz --list") {
		t.Error("the list job does not take the targets from .ci/fuzz --list")
	}
	fuzz := w.Jobs["fuzz"]
	if fuzz.Needs != "list" || !strings.Contains(b2s(fuzz.Strategy.Matrix["target"]), "needs.list.outputs.targets") {
		t.Errorf("the fuzz job does not make a job of each listed target: needs %v, matrix %v", fuzz.Needs, fuzz.Strategy.Matrix)
	}
	if fuzz.Strategy.FailFast == nil || *fuzz.Strategy.FailFast {
		t.Error("one failing target would cancel the others: set fail-fast: false")
	}
	var fuzzed, uploaded bool
	for _, s := range fuzz.Steps {
		fuzzed = fuzzed || strings.Contains(s.Run, ".ci/fuzz")
		if strings.HasPrefix(s.Uses, "actions/upload-artifact") {
			uploaded = s.If == "failure()" && s.With["path"] != ""
		}
	}
	if !fuzzed || !uploaded {
		t.Errorf("the fuzz job fuzzes with .ci/fuzz: %v; uploads on failure: %v", fuzzed, uploaded)
	}
}

func b2s(v any) string {
	s, _ := v.(string)
	return s
}
