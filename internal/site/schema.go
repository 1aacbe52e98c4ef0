package site

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// The schema of what editors write, declared once as data: the keys of a
// page's front matter and of the entries of data/partners.yaml and
// data/objectives.yaml, with the kind of value each takes, whether it is
// required and which values it allows. The loader refuses keys that are not
// here and values outside the allowed ones; the web editor's configuration
// (internal/cms) is generated from the same tables, so the two cannot
// disagree. A key added here without a decoder is accepted and ignored; a
// key decoded but not declared here is refused as unknown, so every key
// that works is declared.

// Type is the kind of value a field takes.
type Type string

// The kinds of values.
const (
	TypeText     Type = "text"     // one line
	TypeLongText Type = "longtext" // a paragraph
	TypeBool     Type = "bool"
	TypeInt      Type = "int"
	TypeDate     Type = "date"     // YYYY-MM-DD
	TypeDateTime Type = "datetime" // YYYY-MM-DD or YYYY-MM-DDTHH:MM
	TypeURL      Type = "url"      // https://...
	TypeList     Type = "list"     // a list of lines
	TypeChoice   Type = "choice"   // one of Values
	TypeChoices  Type = "choices"  // a list of Values
	TypeImage    Type = "image"    // a file: of the page's bundle, or under static/
	TypePerLang  Type = "perlang"  // a mapping of every language code to a line
)

// Where the allowed values of a field come from, when they are not fixed.
const (
	FromCategories = "categories" // data/site.yaml categories
	FromCountries  = "countries"  // ISO 3166-1 alpha-2 codes
)

// Field is one key of the schema.
type Field struct {
	Key  string
	Type Type
	// What an editor sees of the field in the web editor, in English and
	// Arabic: its name, and a line of help under it ("" for none; a field
	// with help has it in both languages).
	Label, LabelAr string
	Hint, HintAr   string
	Required       bool     // always required
	Dated          bool     // required in sections listed by date (announcements)
	Values         []string // the allowed values, when fixed
	From           string   // where the allowed values come from otherwise
	// Translated says the value differs between a page's languages (a
	// title); else it is the same in each (a date) and the web editor
	// copies it to every language's file.
	Translated bool
	// Section restricts a front matter key to pages of one section (its
	// web editor collection); "" is any page.
	Section string
}

// PartnerTypes are the values of a partner's type; their names are in
// data/i18n under partnerType.
var PartnerTypes = []string{"university", "research-institute", "organisation", "network"}

// AgreementTypes are the values of a partner's agreements; their names are
// in data/i18n under agreement.
var AgreementTypes = []string{"mou", "student-exchange", "staff-exchange", "joint-research", "scholarships", "erasmus"}

// FrontMatter is the schema of a page's front matter.
var FrontMatter = []Field{
	{Key: "title", Type: TypeText, Label: "Title", LabelAr: "العنوان", Required: true, Translated: true},
	{Key: "description", Type: TypeLongText, Label: "Description (for search engines and lists)", LabelAr: "الوصف (لمحركات البحث والقوائم)", Hint: "One or two sentences, shown in search results and lists.", HintAr: "جملة أو جملتان تظهران في نتائج البحث والقوائم.", Translated: true},
	{Key: "date", Type: TypeDate, Label: "Date", LabelAr: "التاريخ", Dated: true},
	{Key: "lastmod", Type: TypeDate, Label: "Last changed", LabelAr: "آخر تعديل", Hint: "Shown as \"Last updated\"; empty: the date of the last change in git.", HintAr: "يظهر بعبارة «آخر تحديث»؛ إن تُرك فارغًا فتاريخ آخر تعديل في git."},
	{Key: "draft", Type: TypeBool, Label: "Draft (not published)", LabelAr: "مسودة (غير منشورة)", Hint: "A draft is not published until this is switched off.", HintAr: "لا تُنشر المسودة حتى يُطفأ هذا المفتاح."},
	{Key: "publishDate", Type: TypeDate, Label: "Publish on", LabelAr: "يُنشر في", Hint: "The page appears on this day, not before.", HintAr: "تظهر الصفحة في هذا اليوم، لا قبله."},
	{Key: "expiryDate", Type: TypeDate, Label: "Remove on", LabelAr: "يُزال في", Hint: "The page leaves the site on this day.", HintAr: "تُزال الصفحة من الموقع في هذا اليوم."},
	{Key: "slug", Type: TypeText, Label: "Address (slug)", LabelAr: "اسم الصفحة في الرابط (slug)", Hint: "The last part of the page's address; empty: the name of its file or folder.", HintAr: "آخر جزء من رابط الصفحة؛ إن تُرك فارغًا فاسم ملفها أو مجلدها.", Translated: true},
	{Key: "translationKey", Type: TypeText, Label: "Translation key", LabelAr: "مفتاح الترجمة", Hint: "Pairs translations whose file names differ; usually empty.", HintAr: "يربط ترجمتين اختلف اسما ملفيهما؛ يُترك فارغًا عادةً."},
	{Key: "aliases", Type: TypeList, Label: "Old addresses", LabelAr: "روابط قديمة", Hint: "Former addresses of the page, which lead to it, like /en/about-us/.", HintAr: "روابط سابقة للصفحة تُحوَّل إليها، مثل /en/about-us/.", Translated: true},
	{Key: "weight", Type: TypeInt, Label: "Order (weight)", LabelAr: "الترتيب (الوزن)", Hint: "Lower numbers come first in lists.", HintAr: "الرقم الأصغر يأتي أولًا في القوائم."},
	{Key: "categories", Type: TypeChoices, Label: "Categories", LabelAr: "التصنيفات", From: FromCategories, Section: "announcements"},
	{Key: "deadline", Type: TypeDate, Label: "Deadline", LabelAr: "الموعد النهائي", Hint: "The last day to apply: on or after the announcement's date.", HintAr: "آخر يوم للتقديم: في تاريخ الإعلان أو بعده.", Section: "announcements"},
	{Key: "image", Type: TypeImage, Label: "Cover photo", LabelAr: "صورة الغلاف", Hint: "A JPEG, PNG or WebP photo, kept with the announcement.", HintAr: "صورة JPEG أو PNG أو WebP تُحفظ مع الإعلان.", Section: "announcements"},
	{Key: "imageAlt", Type: TypeText, Label: "Cover photo description (alt text)", LabelAr: "وصف صورة الغلاف (نص بديل)", Hint: "What the photo shows, for readers who cannot see it, in this page's language.", HintAr: "ما تُظهره الصورة، لمن لا يراها من القرّاء، بلغة هذه الصفحة.", Translated: true, Section: "announcements"},
	{Key: "layout", Type: TypeText, Label: "Layout", LabelAr: "القالب", Hint: "Leave empty unless the page needs another layout (vision, partners, contact).", HintAr: "يُترك فارغًا ما لم تحتج الصفحة قالبًا آخر (vision أو partners أو contact)."},
	{Key: "eventDate", Type: TypeDateTime, Label: "Event start", LabelAr: "بداية الفعالية", Hint: "Like 2026-12-10 or 2026-12-10T09:00.", HintAr: "مثل 2026-12-10 أو 2026-12-10T09:00.", Section: "announcements"},
	{Key: "eventEnd", Type: TypeDateTime, Label: "Event end", LabelAr: "نهاية الفعالية", Hint: "Like 2026-12-10 or 2026-12-10T17:00.", HintAr: "مثل 2026-12-10 أو 2026-12-10T17:00.", Section: "announcements"},
	{Key: "eventTimeZone", Type: TypeText, Label: "Event time zone (like Europe/Berlin)", LabelAr: "المنطقة الزمنية للفعالية (مثل Europe/Berlin)", Hint: "Empty: the time zone of the site.", HintAr: "إن تُرك فارغًا فالمنطقة الزمنية للموقع.", Section: "announcements"},
	{Key: "location", Type: TypeText, Label: "Event place", LabelAr: "مكان الفعالية", Translated: true, Section: "announcements"},
	{Key: "address", Type: TypeText, Label: "Event address", LabelAr: "عنوان مكان الفعالية", Translated: true, Section: "announcements"},
	{Key: "attendance", Type: TypeChoice, Label: "Attendance", LabelAr: "طريقة الحضور", Values: AttendanceModes, Section: "announcements"},
	{Key: "eventURL", Type: TypeURL, Label: "Event link (online)", LabelAr: "رابط الفعالية (عبر الإنترنت)", Section: "announcements"},
	{Key: "eventStatus", Type: TypeChoice, Label: "Event status", LabelAr: "حالة الفعالية", Values: EventStatuses, Section: "announcements"},
	{Key: "digits", Type: TypeChoice, Label: "Digits of the text", LabelAr: "أرقام النص", Hint: "latn keeps the numbers as typed where the language shows Arabic-Indic digits.", HintAr: "latn يُبقي الأرقام كما كُتبت في لغة تُظهرها بالأرقام العربية المشرقية.", Values: []string{"latn", "arab"}},
	{Key: "example", Type: TypeBool, Label: "Example (sample content)", LabelAr: "مثال (محتوى تجريبي)", Hint: "Marks a sample page: it is shown as an example, not as real news.", HintAr: "يجعل الصفحة مثالًا تجريبيًا: تُعرض على أنها مثال لا خبر حقيقي."},
}

// PartnerFields is the schema of an entry of data/partners.yaml.
var PartnerFields = []Field{
	{Key: "id", Type: TypeText, Label: "Id (letters and hyphens)", LabelAr: "المعرّف (حروف لاتينية وشرطات)", Hint: "A unique name, like university-of-example.", HintAr: "اسم فريد، مثل university-of-example.", Required: true},
	{Key: "name", Type: TypePerLang, Label: "Name", LabelAr: "الاسم", Required: true},
	{Key: "country", Type: TypeChoice, Label: "Country", LabelAr: "الدولة", Hint: "The two-letter ISO code, like PS or DE.", HintAr: "الرمز الدولي من حرفين، مثل PS أو DE.", From: FromCountries},
	{Key: "city", Type: TypePerLang, Label: "City", LabelAr: "المدينة"},
	{Key: "type", Type: TypeChoice, Label: "Type", LabelAr: "النوع", Values: PartnerTypes},
	{Key: "since", Type: TypeInt, Label: "Partner since (year)", LabelAr: "شريك منذ (السنة)"},
	{Key: "agreements", Type: TypeChoices, Label: "Agreements", LabelAr: "الاتفاقيات", Values: AgreementTypes},
	{Key: "url", Type: TypeURL, Label: "Website", LabelAr: "الموقع الإلكتروني"},
	{Key: "logo", Type: TypeImage, Label: "Logo", LabelAr: "الشعار"},
	{Key: "logoAlt", Type: TypePerLang, Label: "Logo description (alt text)", LabelAr: "وصف الشعار (نص بديل)"},
	{Key: "example", Type: TypeBool, Label: "Example (sample entry)", LabelAr: "مثال (مدخل تجريبي)", Hint: "Marks a sample entry, not a real agreement.", HintAr: "يجعل المدخل مثالًا تجريبيًا، لا اتفاقية حقيقية."},
}

// ObjectiveFields is the schema of an entry of data/objectives.yaml.
var ObjectiveFields = []Field{
	{Key: "id", Type: TypeText, Label: "Id", LabelAr: "المعرّف", Required: true},
	{Key: "text", Type: TypePerLang, Label: "Text", LabelAr: "النص", Required: true},
}

// Keys returns the keys of a schema, in order.
func Keys(fields []Field) []string {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.Key
	}
	return keys
}

// FieldOf returns the field with the key, or the zero Field.
func FieldOf(fields []Field, key string) Field {
	for _, f := range fields {
		if f.Key == key {
			return f
		}
	}
	return Field{}
}

// Allowed returns the values f allows, or nil for any value.
func (c *Config) Allowed(f Field) []string {
	switch f.From {
	case FromCategories:
		return c.Categories
	case FromCountries:
		return Countries()
	}
	return f.Values
}

// Countries returns the 249 ISO 3166-1 alpha-2 country codes, sorted: the
// codes golang.org/x/text/language knows as countries under their own name
// and an M.49 number, less the codes ISO withdrew that it still knows
// (withdrawnCodes) and Kosovo's XK, which is not an ISO code.
func Countries() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			r, err := language.ParseRegion(s)
			if err == nil && r.IsCountry() && r.M49() != 0 && r.Canonicalize().String() == s && !strings.Contains(withdrawnCodes, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// withdrawnCodes are the codes that golang.org/x/text/language keeps as
// their own countries but ISO 3166-1 no longer has.
const withdrawnCodes = "AN CS NT SU YU XK"

// isCountry reports whether s is one of Countries, in any case.
func isCountry(s string) bool {
	_, found := slices.BinarySearch(Countries(), strings.ToUpper(s))
	return found && len(s) == 2
}

// dropEmpty removes from the mapping n the keys of fields that are not
// required and have no value: null, "", [] or a mapping of such values
// ({en: "", ar: ""}). A form-based editor such as the one at /admin/ writes
// the fields an editor left blank that way, and a blank optional field
// means the same as an absent one. Required keys stay, so that their
// messages say what is missing.
func dropEmpty(n *yaml.Node, fields []Field) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f := FieldOf(fields, k.Value)
		if f.Key != "" && !f.Required && isEmptyValue(v) {
			continue
		}
		kept = append(kept, k, v)
	}
	n.Content = kept
}

func isEmptyValue(v *yaml.Node) bool {
	switch v.Kind {
	case yaml.ScalarNode:
		return v.Tag == "!!null" || v.Tag == "!!str" && strings.TrimSpace(v.Value) == ""
	case yaml.SequenceNode:
		return len(v.Content) == 0
	case yaml.MappingNode:
		for i := 1; i < len(v.Content); i += 2 {
			if !isEmptyValue(v.Content[i]) {
				return false
			}
		}
		return true
	}
	return false
}
