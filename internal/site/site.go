// Package site is the model of the office website: its languages, its pages
// and its data, read from a site root through fs.FS.
//
// A site root holds content/ (Markdown pages), data/ (YAML) and layouts/ and
// static/ (used by later stages). LoadData reads data/ into a Site and
// LoadContent reads content/ into it; neither renders anything.
//
// A page is one Markdown file per language, named NAME.LANG.md: about.en.md
// and about.ar.md are the English and Arabic versions of one page, paired by
// their translation key (the path without the language, "about", or the
// translationKey front matter key when the names differ). _index.LANG.md is
// the page of the folder it sits in: content/_index.ar.md is the Arabic home,
// content/announcements/_index.en.md the English announcements list. Every
// page lives under its language, /LANG/..., at a path made of its folders and
// its slug (the slug key, or else the file name), normalised to NFC.
//
// A page may also be a folder, a page bundle: content/announcements/x/ with
// index.en.md and index.ar.md is the page announcements/x in each language,
// at the folder's address, and the folder's other files are its resources
// (photos, documents), shared by its languages (see bundle.go).
//
// LoadContent parses every file once and keeps the result (front matter, a
// plain-text summary and, within a memory budget, the Markdown body) in a
// Page, so that a later rebuild can reparse only the files that changed and
// reassemble the rest. Assemble then decides
// what is published (drafts, publishDate, expiryDate against a given clock),
// pairs translations, orders sections and categories, and checks that no two
// outputs claim the same URL.
//
// Every mistake an editor can make is reported as a *diag.Error with the
// file's path and line; loading and Assemble report all of them together.
package site

import (
	"io/fs"
	"net/url"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
)

// Kind says what a page is: the home of a language, the page of a section
// (which lists the section's pages), or a regular page.
type Kind string

// The kinds of page.
const (
	KindHome    Kind = "home"
	KindSection Kind = "section"
	KindPage    Kind = "page"
)

// Site is a loaded site root.
type Site struct {
	Config     *Config
	Objectives []Objective
	Partners   []Partner
	Redirects  []Redirect
	// Pages holds every content file that parsed, drafts and all, sorted by
	// source path.
	Pages []*Page
	// Resources holds the files of each page bundle (see Page.Bundle) by
	// the bundle's folder, sorted: "content/announcements/x" ->
	// ["content/announcements/x/group.jpg"].
	Resources map[string][]string
	// Failed holds the content files that had errors and were left out,
	// sorted by source path, with what could be read of each (see
	// readPage). The rest of the site is still assembled and checked, and
	// what points at these pages (links, menus, translations) is not
	// reported as broken too: their own errors say what to fix.
	Failed []*Page
}

// Config is data/site.yaml.
type Config struct {
	BaseURL         *url.URL
	DefaultLanguage string
	TimeZone        *time.Location
	HijriCalendar   string // locale.UmmAlQura or locale.Tabular
	Paginate        int
	Categories      []string
	Languages       []*Language
	Menus           map[string][]MenuEntry
	Contact         Contact
	// Offline is whether readers' browsers keep the pages they read for
	// when the network drops (a service worker; see package offline).
	// Turned off, the build writes a worker that removes itself.
	Offline bool
	// Emblem is the university's emblem, a file under static/ written
	// from the site's root (/images/emblem.svg); "" for none.
	Emblem     string
	EmblemLine int // its line in data/site.yaml
	// UniversityURL is the university's main site, which the university's
	// name in the header links to.
	UniversityURL string
	// Editor is the web editor's settings (see package cms).
	Editor Editor
}

// Language returns the language with the code, or nil.
func (c *Config) Language(code string) *Language {
	for _, l := range c.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// Language is one of the site's languages.
type Language struct {
	Code        string // BCP 47 tag, also the URL prefix: "ar", "en"
	Name        string // in the language itself: "العربية", "English"
	Dir         string // "rtl" or "ltr"
	Title       string // the office's name
	University  string
	Description string
	Locale      *locale.Locale
}

// MenuEntry is one item of a language's menu: a page by translation key, or
// a URL.
type MenuEntry struct {
	Name string
	Page string
	URL  string
	Line int
}

// Contact is the office's contact details.
type Contact struct {
	Email   string
	Phone   string // international form, +970 8 264 1881
	Website string
	Country string // ISO 3166-1 alpha-2, of the office's address
	Address map[string]string
	Hours   Hours
	// Unconfirmed names the details (phone, hours, days) that are
	// placeholders still to be confirmed by the office; pages mark them.
	Unconfirmed []string
}

// Hours is when the office is open: from one day of the week to another
// (in the week's order, Sunday first, wrapping round), between two times
// of day in minutes after midnight.
type Hours struct {
	From, To      time.Weekday
	Opens, Closes int
	Set           bool // false when data/site.yaml gives no hours
}

// Objective is one of the office's objectives, in every language.
type Objective struct {
	ID   string
	Text map[string]string
}

// Partner is a partner institution from data/partners.yaml.
type Partner struct {
	ID         string
	Name       map[string]string
	Country    string // ISO 3166-1 alpha-2
	City       map[string]string
	Type       string
	Since      int
	Agreements []string
	URL        string
	Logo       string
	LogoAlt    map[string]string
	Example    bool
	Line       int // where the partner starts in data/partners.yaml
}

// Page is one content file: one page in one language.
type Page struct {
	Source  string // "content/about.en.md"
	Lang    string
	Kind    Kind
	Section string // first folder under content/, "" at the top
	Dir     string // folder under content/, slash-separated
	Key     string // translation key
	Slug    string
	Path    string // URL path inside the site: "/en/about/"
	// Bundle is the folder of a page bundle's page (index.LANG.md), from
	// the site root: "content/announcements/2027-summer-school"; "" for
	// other pages.
	Bundle string

	Title       string
	Description string
	Layout      string
	Date        time.Time
	Lastmod     time.Time
	PublishDate time.Time
	ExpiryDate  time.Time
	Deadline    time.Time
	EventDate   time.Time // a conference's or visit's first day (or start)
	EventEnd    time.Time // its last day (or end), when longer; else zero
	EventTimed  bool      // the event's dates have times of day
	// Image is the cover photo as the front matter names it: a file of
	// the page's bundle ("group.jpg") or of static/ ("/images/x.jpg").
	// ImageSource is that file from the site root, and ImageAlt its
	// description in the page's language.
	Image       string
	ImageSource string `meta:"-"` // set after Meta, by checkBundles; photo dependencies follow the file
	ImageAlt    string
	Location    string  // the venue's name
	Address     Address // the venue's address
	Attendance  string  // InPerson, Online or Hybrid; "" without an event
	EventURL    string  // where to join or register
	EventStatus string  // one of EventStatuses; "" without an event
	// Example marks a sample page (example: true): it is shown with an
	// "Example" badge, and never passed off as real to search engines,
	// feeds, calendars or structured data.
	Example bool
	// Digits are the digits of the page's text (locale.Latin or
	// locale.ArabicIndic): its front matter's digits, else its
	// language's. On a right-to-left page with Arabic-Indic digits the
	// numbers of the title, description, summary and body are shown in
	// them (locale.ProseNumbers).
	Digits         string
	Draft          bool
	Weight         int
	Categories     []string
	Aliases        []string
	TranslationKey string

	// The Markdown body is kept in memory while the bodies of a load fit in
	// BodyBudget bytes; past that, ReadBody reads it again when the page is
	// rendered, which keeps a large site's memory small.
	body       []byte `meta:"-"`
	BodyOffset int    `meta:"-"` // where the body starts in the cleaned file
	BodyLen    int    `meta:"-"` // its length in bytes
	BodyLine   int    `meta:"-"` // the file line the body starts on
	Summary    string // plain text of the first paragraph
	Hash       uint64 `meta:"-"` // of the file's bytes

	// Updated is when the page last changed: lastmod, else the file's last
	// git commit, else date.
	Updated time.Time
	// KeyLines holds the file line of each front matter key.
	KeyLines map[string]int `meta:"-"`
	// Meta is a hash of everything about the page that other pages can
	// show (its address, title, dates, summary, ...), but not its body: a
	// rebuild re-renders the pages that show p only when it changes. It
	// is every field of Page but those tagged meta:"-" (see metaHash), so
	// a field added to Page is in it unless it says otherwise.
	Meta uint64 `meta:"-"`
}

// ReadBody reads the page's Markdown body from fsys. It fails if the file
// has changed since it was loaded, so a page is never rendered from one
// version of its file with the front matter of another.
func (p *Page) ReadBody(fsys fs.FS) ([]byte, error) {
	if p.BodyLen == 0 {
		return nil, nil
	}
	if p.body != nil {
		return p.body, nil
	}
	raw, err := fs.ReadFile(fsys, p.Source)
	if err != nil {
		return nil, err
	}
	if hash(raw) != p.Hash {
		return nil, diag.Errorf(p.Source, 0, "the file changed while the site was being built; build again")
	}
	// The same bytes were checked when the page was loaded; only the line
	// ends and the byte order mark need normalising again.
	return normalize(raw)[p.BodyOffset:], nil
}

// Line returns the file line of a front matter key, or 1.
func (p *Page) Line(key string) int {
	if l, ok := p.KeyLines[key]; ok {
		return l
	}
	return 1
}

// Status says why a page is left out of a build.
type Status int

// Statuses.
const (
	Published Status = iota
	Draft
	Scheduled
	Expired
)

// Status returns whether p is published at now, honouring drafts when
// withDrafts is set. publishDate falls back to date, as in Hugo, so an
// announcement dated in the future appears on its day.
func (p *Page) Status(now time.Time, withDrafts bool) Status {
	if p.Draft && !withDrafts {
		return Draft
	}
	pub := p.PublishDate
	if pub.IsZero() {
		pub = p.Date
	}
	if !pub.IsZero() && pub.After(now) {
		return Scheduled
	}
	if !p.ExpiryDate.IsZero() && !p.ExpiryDate.After(now) {
		return Expired
	}
	return Published
}

// DeadlineEnd returns the instant a deadline closes: a date without a time
// is open until the end of that day.
func (p *Page) DeadlineEnd() time.Time {
	d := p.Deadline
	if d.IsZero() {
		return d
	}
	if d.Hour() == 0 && d.Minute() == 0 && d.Second() == 0 {
		return d.AddDate(0, 0, 1)
	}
	return d
}
