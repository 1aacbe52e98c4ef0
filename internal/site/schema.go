package site

import "time"

// The schema of what editors write, declared once: the keys of a page's
// front matter (FrontMatter) and of the entries of data/partners.yaml
// (PartnerSchema) and data/objectives.yaml (ObjectiveSchema). Each key is
// declared with two things:
//
//   - its Field, what an editor is told of it: its labels and help in
//     English and Arabic, whether it is required, translated, limited to
//     one section;
//   - its Value, what it is: the kind of value (which gives the Field its
//     Type and allowed values), how its YAML is read (with the messages
//     and positions an editor sees), what it must be beyond its type, and
//     where it goes in Page, Partner or Objective.
//
// Everything else derives from the declaration: read decodes a mapping by
// it (and refuses keys it does not declare, suggesting the nearest);
// dropEmpty knows from it which blank keys mean absent; the web editor's
// configuration (internal/cms) is generated from Fields; Page.Meta hashes
// every field of Page, and a test decodes two values of every declared key
// and wants Meta to differ, so a key cannot be read into a field the
// rebuild does not see. A key cannot be declared without a Value: Key is
// written as {Field{...}, value}, and a test reads every key of every
// schema.

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
	TypeTimeZone Type = "timezone" // a time zone's name, like Europe/Berlin
)

// Where the allowed values of a field come from, when they are not fixed.
const (
	FromCategories = "categories" // data/site.yaml categories
	FromCountries  = "countries"  // ISO 3166-1 alpha-2 codes
)

// Field is what an editor is told of one key of a schema.
type Field struct {
	Key string
	// Type, Values and From are set from the key's Value: its kind, and
	// the values it allows, fixed (Values) or from the site (From).
	Type   Type
	Values []string
	From   string
	// What an editor sees of the field in the web editor, in English and
	// Arabic: its name, and a line of help under it ("" for none; a field
	// with help has it in both languages).
	Label, LabelAr string
	Hint, HintAr   string
	// Required says the key must have a value; Missing is the message
	// when it has none, reported at the mapping.
	Required bool
	Missing  string
	// Dated says the key is required in sections listed by date
	// (announcements).
	Dated bool
	// Event says the key describes an event, and needs eventDate.
	Event bool
	// Translated says the value differs between a page's languages (a
	// title); else it is the same in each (a date) and the web editor
	// copies it to every language's file.
	Translated bool
	// Section restricts a front matter key to pages of one section (its
	// web editor collection); "" is any page.
	Section string
}

// FrontMatter is the schema of a page's front matter: each key, what the
// web editor tells of it, and where its value goes in Page.
var FrontMatter = newSchema("front matter", "the front matter", []Key[Page]{
	{Field{Key: "title", Label: "Title", LabelAr: "العنوان", Required: true, Missing: "the page has no title: add title: ... to the front matter", Translated: true},
		visible(line(func(p *Page) *string { return &p.Title }))},
	{Field{Key: "description", Label: "Description (for search engines and lists)", LabelAr: "الوصف (لمحركات البحث والقوائم)", Hint: "One or two sentences, shown in search results and lists.", HintAr: "جملة أو جملتان تظهران في نتائج البحث والقوائم.", Translated: true},
		visible(paragraph(func(p *Page) *string { return &p.Description }))},
	{Field{Key: "date", Label: "Date", LabelAr: "التاريخ", Dated: true},
		day(func(p *Page) *time.Time { return &p.Date })},
	{Field{Key: "lastmod", Label: "Last changed", LabelAr: "آخر تعديل", Hint: "Shown as \"Last updated\"; empty: the date of the last change in git.", HintAr: "يظهر بعبارة «آخر تحديث»؛ إن تُرك فارغًا فتاريخ آخر تعديل في git."},
		day(func(p *Page) *time.Time { return &p.Lastmod })},
	{Field{Key: "draft", Label: "Draft (not published)", LabelAr: "مسودة (غير منشورة)", Hint: "A draft is not published until this is switched off.", HintAr: "لا تُنشر المسودة حتى يُطفأ هذا المفتاح."},
		flag(func(p *Page) *bool { return &p.Draft })},
	{Field{Key: "publishDate", Label: "Publish on", LabelAr: "يُنشر في", Hint: "The page appears on this day, not before.", HintAr: "تظهر الصفحة في هذا اليوم، لا قبله."},
		day(func(p *Page) *time.Time { return &p.PublishDate })},
	{Field{Key: "expiryDate", Label: "Remove on", LabelAr: "يُزال في", Hint: "The page leaves the site on this day.", HintAr: "تُزال الصفحة من الموقع في هذا اليوم."},
		day(func(p *Page) *time.Time { return &p.ExpiryDate })},
	// The slug is checked with the file name, which gives it otherwise
	// (checkPage).
	{Field{Key: "slug", Label: "Address (slug)", LabelAr: "اسم الصفحة في الرابط (slug)", Hint: "The last part of the page's address; empty: the name of its file or folder.", HintAr: "آخر جزء من رابط الصفحة؛ إن تُرك فارغًا فاسم ملفها أو مجلدها.", Translated: true},
		visible(word(func(p *Page) *string { return &p.Slug }))},
	{Field{Key: "translationKey", Label: "Translation key", LabelAr: "مفتاح الترجمة", Hint: "Pairs translations whose file names differ; usually empty.", HintAr: "يربط ترجمتين اختلف اسما ملفيهما؛ يُترك فارغًا عادةً."},
		visible(word(func(p *Page) *string { return &p.TranslationKey }))},
	{Field{Key: "aliases", Label: "Old addresses", LabelAr: "روابط قديمة", Hint: "Former addresses of the page, which lead to it, like /en/about-us/.", HintAr: "روابط سابقة للصفحة تُحوَّل إليها، مثل /en/about-us/.", Translated: true},
		lines(func(p *Page) *[]string { return &p.Aliases }).then(checkAliases)},
	{Field{Key: "weight", Label: "Order (weight)", LabelAr: "الترتيب (الوزن)", Hint: "Lower numbers come first in lists.", HintAr: "الرقم الأصغر يأتي أولًا في القوائم."},
		number(func(p *Page) *int { return &p.Weight })},
	{Field{Key: "categories", Label: "Categories", LabelAr: "التصنيفات", Section: "announcements"},
		categoryList(func(p *Page) *[]string { return &p.Categories })},
	{Field{Key: "deadline", Label: "Deadline", LabelAr: "الموعد النهائي", Hint: "The last day to apply: on or after the announcement's date.", HintAr: "آخر يوم للتقديم: في تاريخ الإعلان أو بعده.", Section: "announcements"},
		day(func(p *Page) *time.Time { return &p.Deadline }).then(checkDeadline)},
	// The cover photo is looked for once every page is loaded
	// (checkBundles).
	{Field{Key: "image", Label: "Cover photo", LabelAr: "صورة الغلاف", Hint: "A JPEG, PNG or WebP photo, kept with the announcement.", HintAr: "صورة JPEG أو PNG أو WebP تُحفظ مع الإعلان.", Section: "announcements"},
		line(func(p *Page) *string { return &p.Image }).as(TypeImage)},
	{Field{Key: "imageAlt", Label: "Cover photo description (alt text)", LabelAr: "وصف صورة الغلاف (نص بديل)", Hint: "What the photo shows, for readers who cannot see it, in this page's language.", HintAr: "ما تُظهره الصورة، لمن لا يراها من القرّاء، بلغة هذه الصفحة.", Translated: true, Section: "announcements"},
		line(func(p *Page) *string { return &p.ImageAlt })},
	{Field{Key: "layout", Label: "Layout", LabelAr: "القالب", Hint: "Leave empty unless the page needs another layout (vision, partners, contact).", HintAr: "يُترك فارغًا ما لم تحتج الصفحة قالبًا آخر (vision أو partners أو contact)."},
		word(func(p *Page) *string { return &p.Layout }).then(checkLayout)},
	{Field{Key: "eventDate", Label: "Event start", LabelAr: "بداية الفعالية", Hint: "Like 2026-12-10 or 2026-12-10T09:00.", HintAr: "مثل 2026-12-10 أو 2026-12-10T09:00.", Event: true, Section: "announcements"},
		eventTime(func(p *Page) *time.Time { return &p.EventDate })},
	{Field{Key: "eventEnd", Label: "Event end", LabelAr: "نهاية الفعالية", Hint: "Like 2026-12-10 or 2026-12-10T17:00.", HintAr: "مثل 2026-12-10 أو 2026-12-10T17:00.", Event: true, Section: "announcements"},
		eventTime(func(p *Page) *time.Time { return &p.EventEnd })},
	{Field{Key: "eventTimeZone", Label: "Event time zone (like Europe/Berlin)", LabelAr: "المنطقة الزمنية للفعالية (مثل Europe/Berlin)", Hint: "Empty: the time zone of the site.", HintAr: "إن تُرك فارغًا فالمنطقة الزمنية للموقع.", Event: true, Section: "announcements"},
		eventZone[Page]{}},
	{Field{Key: "location", Label: "Event place", LabelAr: "مكان الفعالية", Translated: true, Event: true, Section: "announcements"},
		line(func(p *Page) *string { return &p.Location }).onlyIf(hasEvent)},
	{Field{Key: "address", Label: "Event address", LabelAr: "عنوان مكان الفعالية", Translated: true, Event: true, Section: "announcements"},
		postal(func(p *Page) *Address { return &p.Address }).onlyIf(hasEvent)},
	{Field{Key: "attendance", Label: "Attendance", LabelAr: "طريقة الحضور", Event: true, Section: "announcements"},
		choice(func(p *Page) *string { return &p.Attendance }, AttendanceModes).onlyIf(hasEvent)},
	{Field{Key: "eventURL", Label: "Event link (online)", LabelAr: "رابط الفعالية (عبر الإنترنت)", Event: true, Section: "announcements"},
		eventLink(func(p *Page) *string { return &p.EventURL }).onlyIf(hasEvent)},
	{Field{Key: "eventStatus", Label: "Event status", LabelAr: "حالة الفعالية", Event: true, Section: "announcements"},
		choice(func(p *Page) *string { return &p.EventStatus }, EventStatuses).onlyIf(hasEvent)},
	{Field{Key: "digits", Label: "Digits of the text", LabelAr: "أرقام النص", Hint: "latn keeps the numbers as typed where the language shows Arabic-Indic digits.", HintAr: "latn يُبقي الأرقام كما كُتبت في لغة تُظهرها بالأرقام العربية المشرقية."},
		digitStyle(func(p *Page) *string { return &p.Digits })},
	{Field{Key: "example", Label: "Example (sample content)", LabelAr: "مثال (محتوى تجريبي)", Hint: "Marks a sample page: it is shown as an example, not as real news.", HintAr: "يجعل الصفحة مثالًا تجريبيًا: تُعرض على أنها مثال لا خبر حقيقي."},
		flag(func(p *Page) *bool { return &p.Example })},
})

// PartnerTypes are the values of a partner's type; their names are in
// data/i18n under partnerType.
var PartnerTypes = []string{"university", "research-institute", "organisation", "network"}

// AgreementTypes are the values of a partner's agreements; their names are
// in data/i18n under agreement.
var AgreementTypes = []string{"mou", "student-exchange", "staff-exchange", "joint-research", "scholarships", "erasmus"}

// PartnerSchema is the schema of an entry of data/partners.yaml.
var PartnerSchema = newSchema("partner", "a partner", []Key[Partner]{
	{Field{Key: "id", Label: "Id (letters and hyphens)", LabelAr: "المعرّف (حروف لاتينية وشرطات)", Hint: "A unique name, like university-of-example.", HintAr: "اسم فريد، مثل university-of-example.", Required: true, Missing: "a partner needs an id, like id: example-university"},
		word(func(p *Partner) *string { return &p.ID })},
	{Field{Key: "name", Label: "Name", LabelAr: "الاسم", Required: true, Missing: "a partner needs name: with one line per language"},
		perLang(func(p *Partner) *map[string]string { return &p.Name })},
	{Field{Key: "country", Label: "Country", LabelAr: "الدولة", Hint: "The two-letter ISO code, like PS or DE.", HintAr: "الرمز الدولي من حرفين، مثل PS أو DE."},
		country(func(p *Partner) *string { return &p.Country })},
	{Field{Key: "city", Label: "City", LabelAr: "المدينة"},
		perLang(func(p *Partner) *map[string]string { return &p.City })},
	{Field{Key: "type", Label: "Type", LabelAr: "النوع"},
		choice(func(p *Partner) *string { return &p.Type }, PartnerTypes)},
	{Field{Key: "since", Label: "Partner since (year)", LabelAr: "شريك منذ (السنة)"},
		sinceYear(func(p *Partner) *int { return &p.Since })},
	{Field{Key: "agreements", Label: "Agreements", LabelAr: "الاتفاقيات"},
		choices(func(p *Partner) *[]string { return &p.Agreements }, AgreementTypes)},
	{Field{Key: "url", Label: "Website", LabelAr: "الموقع الإلكتروني"},
		website(func(p *Partner) *string { return &p.URL })},
	{Field{Key: "logo", Label: "Logo", LabelAr: "الشعار"},
		logoFile(func(p *Partner) *string { return &p.Logo }).then(needsLogoAlt)},
	{Field{Key: "logoAlt", Label: "Logo description (alt text)", LabelAr: "وصف الشعار (نص بديل)"},
		perLang(func(p *Partner) *map[string]string { return &p.LogoAlt }).neededIf(func(p *Partner) bool { return p.Logo != "" })},
	{Field{Key: "example", Label: "Example (sample entry)", LabelAr: "مثال (مدخل تجريبي)", Hint: "Marks a sample entry, not a real agreement.", HintAr: "يجعل المدخل مثالًا تجريبيًا، لا اتفاقية حقيقية."},
		flag(func(p *Partner) *bool { return &p.Example })},
})

// ObjectiveSchema is the schema of an entry of data/objectives.yaml.
var ObjectiveSchema = newSchema("objective", "an objective", []Key[Objective]{
	{Field{Key: "id", Label: "Id", LabelAr: "المعرّف", Required: true, Missing: "an objective needs an id, like id: partnerships"},
		word(func(o *Objective) *string { return &o.ID })},
	{Field{Key: "text", Label: "Text", LabelAr: "النص", Required: true, Missing: "an objective needs text: with one line per language"},
		perLang(func(o *Objective) *map[string]string { return &o.Text })},
})
