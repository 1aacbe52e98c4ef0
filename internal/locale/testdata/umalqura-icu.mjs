// Writes umalqura-icu.txt: the first day of every month of the Umm al-Qura
// calendar from 1 Muharram 1300 to 1 Muharram 1601, as ICU (through Node's
// Intl, calendar islamic-umalqura) gives it, to check the table in
// umalqura_data.go, which was made from another source (OpenJDK's).
//
//   node umalqura-icu.mjs > umalqura-icu.txt
//
// Each line: the Gregorian date, then the Hijri year, month and day (1).
const f = new Intl.DateTimeFormat("en-u-ca-islamic-umalqura-nu-latn", {
  year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC",
});
const lines = [`# ICU ${process.versions.icu}, islamic-umalqura: Gregorian date, Hijri year month day`];
for (let t = Date.UTC(1882, 10, 1); t <= Date.UTC(2174, 11, 1); t += 86400000) {
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const y = parseInt(p.year, 10);
  if (p.day === "1" && y >= 1300 && y <= 1601) {
    lines.push(`${new Date(t).toISOString().slice(0, 10)} ${y} ${p.month} ${p.day}`);
  }
}
console.log(lines.join("\n"));
