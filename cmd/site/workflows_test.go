package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the tests look at.
type workflow struct {
	On          map[string]any         `yaml:"on"`
	Permissions map[string]string      `yaml:"permissions"`
	Jobs        map[string]workflowJob `yaml:"jobs"`
}

type workflowJob struct {
	Needs any            `yaml:"needs"`
	Steps []workflowStep `yaml:"steps"`
}

type workflowStep struct {
	Name string            `yaml:"name"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

func readWorkflow(t *testing.T, name string) workflow {
	t.Helper()
	b, err := os.ReadFile("../../.github/workflows/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(b, &w); err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	return w
}

// has checks that a job has a step using or running each of want, and
// that it takes Go's version from go.mod.
func (j workflowJob) has(t *testing.T, job string, want ...string) {
	t.Helper()
	var lines []string
	for _, s := range j.Steps {
		lines = append(lines, s.Uses+s.Run)
		if strings.HasPrefix(s.Uses, "actions/setup-go") && s.With["go-version-file"] != "go.mod" {
			t.Errorf("%s: setup-go does not take the Go version from go.mod", job)
		}
	}
	for _, w := range want {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, w) }) {
			t.Errorf("%s has no step with %q (steps: %q)", job, w, lines)
		}
	}
}

func TestPullRequestWorkflowTestsChecksAndBuilds(t *testing.T) {
	w := readWorkflow(t, "pull-request.yml")
	if _, ok := w.On["pull_request"]; !ok {
		t.Error("it does not run on pull requests")
	}
	for job, want := range map[string][]string{
		"test":  {"actions/checkout", "actions/setup-go", ".ci/run"},
		"check": {"actions/checkout", "actions/setup-go", "go run ./cmd/site check"},
		"build": {"actions/checkout", "actions/setup-go", "go run ./cmd/site build"},
	} {
		j, ok := w.Jobs[job]
		if !ok {
			t.Errorf("no job %q", job)
			continue
		}
		j.has(t, job, want...)
	}
	if w.Permissions["contents"] != "read" || len(w.Permissions) != 1 {
		t.Errorf("pull requests get permissions %v, want only contents: read", w.Permissions)
	}
	// Which translations a pull request leaves behind needs its history.
	for _, s := range w.Jobs["check"].Steps {
		if strings.HasPrefix(s.Uses, "actions/checkout") && s.With["fetch-depth"] != "0" {
			t.Errorf("the check job checks out with fetch-depth %q, want 0 (the whole history)", s.With["fetch-depth"])
		}
	}
}

// TestCIScriptRunsEveryTestWithTheBrowser checks that .ci/run, which the
// pull-request workflow runs too, leaves no test to skip: Chromium and
// axe-core are installed and required, and it vets, tidies, tests and
// fuzzes.
func TestCIScriptRunsEveryTestWithTheBrowser(t *testing.T) {
	b, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	for _, want := range []string{
		"apt_install chromium", "apt_install default-jre-headless", "vnu-jar@", "export VNU_JAR=", "axe-core@", "export AXE_PATH=", "export REQUIRE_BROWSER=1",
		"go mod tidy -diff", "go vet ./...", "actionlint", "go test ./...", "go test -race -short $race", ".ci/fuzz ", "@sveltia/cms@", "export SVELTIA_DIR",
	} {
		if !strings.Contains(script, want) {
			t.Errorf(".ci/run lacks %q", want)
		}
	}
	if i, j := strings.Index(script, "export REQUIRE_BROWSER=1"), strings.Index(script, "go test ./..."); i > j {
		t.Error(".ci/run sets REQUIRE_BROWSER only after go test")
	}
}

func TestPublishWorkflowBuildsDailyAndDeploysToPages(t *testing.T) {
	w := readWorkflow(t, "publish.yml")
	push, _ := w.On["push"].(map[string]any)
	if branches, _ := push["branches"].([]any); len(branches) != 1 || branches[0] != "main" {
		t.Errorf("it does not run on pushes to main: %v", w.On["push"])
	}
	if _, ok := w.On["schedule"]; !ok {
		t.Error("it has no daily schedule, so deadlines would not close without a commit")
	}
	if w.Permissions["pages"] != "write" || w.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v lack pages and id-token write", w.Permissions)
	}
	w.Jobs["build"].has(t, "build", "actions/checkout", "actions/setup-go", "actions/cache", "actions/configure-pages", "go run ./cmd/site check", "go run ./cmd/site build --base-url", "actions/upload-pages-artifact")
	for _, s := range w.Jobs["build"].Steps {
		if strings.HasPrefix(s.Uses, "actions/cache") && (s.With["path"] != ".cache/images" || !strings.Contains(s.With["key"], "content/**/*.jpg") || !strings.Contains(s.With["key"], "static/**/*.png")) {
			t.Errorf("the photo cache step keeps %q under %q: want .cache/images keyed on the photos of content/ and static/", s.With["path"], s.With["key"])
		}
	}
	w.Jobs["deploy"].has(t, "deploy", "actions/deploy-pages")
	if w.Jobs["deploy"].Needs != "build" {
		t.Errorf("deploy needs %v, want build", w.Jobs["deploy"].Needs)
	}
	for _, name := range []string{"pull-request.yml", "publish.yml"} {
		b, _ := os.ReadFile("../../.github/workflows/" + name)
		if strings.Contains(string(b), "secrets.") && !strings.Contains(string(b), "secrets.GITHUB_TOKEN") {
			t.Errorf("%s uses a secret other than the ones GitHub provides", name)
		}
	}
}
