// The catalogue parser on four files as a user editing catalogue/ might leave
// them. A catalogue that parses must keep every promise the plugin relies on:
// every message renders in every language with all its placeholders filled,
// every own entry has its texts in every language, long texts wrap into lines
// that fit and lose no word. A parser that lets a bad file through fails here.
// A file it refuses gets errors that point into it (a file given, a line that
// file has), and the same input always gives the same result.
#include <cstdint>
#include <string>
#include <vector>

#include "catalogue_parser.h"
#include "fuzz_input.h"
#include "rfc_text.h"

namespace {

using sipcat::MessageValue;
using sipcat::PlaceholderKind;

// Sample values without braces: any '{' left in a rendering is a placeholder left unfilled.
void check_messages(const sipcat::Catalogue &cat, const std::string &lang)
{
    for (size_t i = 0; i < sipcat::kMessageCount; ++i) {
        const sipcat::MessageSpec &spec = sipcat::message_specs()[i];
        // Each message is written in this language, in every form it needs.
        const sipcat::Message *m = cat.message(spec.id);
        SIPCAT_FUZZ_CHECK(m != nullptr);
        using sipcat::PluralForm;
        for (const PluralForm f : spec.count_index() >= 0 ? std::vector<PluralForm>{PluralForm::One, PluralForm::Other}
                                                           : std::vector<PluralForm>{PluralForm::Any}) {
            const sipcat::MessageText *t = m->get(lang, f);
            SIPCAT_FUZZ_CHECK(t && t->lang == lang);
        }
        for (const unsigned long n : {0ul, 1ul, 2ul, 3ul, 11ul, 21ul}) {
            MessageValue values[16];
            SIPCAT_FUZZ_CHECK(spec.placeholder_count <= 16);
            for (size_t p = 0; p < spec.placeholder_count; ++p)
                values[p] = spec.placeholders[p].kind == PlaceholderKind::Text
                                ? MessageValue{PlaceholderKind::Text, "x", 0}
                                : MessageValue{spec.placeholders[p].kind, {}, n};
            const std::string out = cat.render(spec.id, lang, values, spec.placeholder_count);
            SIPCAT_FUZZ_CHECK(!out.empty());
            SIPCAT_FUZZ_CHECK(out.find('{') == std::string::npos);
            if (spec.placeholder_count == 0 || spec.count_index() < 0)
                break;  // only counts change the text
        }
    }
}

void check_lines(sipcat::Text text, sipcat::Array<sipcat::Text> lines)
{
    if (text.size() <= sipcat::Catalogue::kTreeLineBytes) {
        SIPCAT_FUZZ_CHECK(lines.empty());
        return;
    }
    SIPCAT_FUZZ_CHECK(!lines.empty());
    std::string joined;
    for (const sipcat::Text &l : lines) {
        SIPCAT_FUZZ_CHECK(l.size() <= sipcat::Catalogue::kTreeLineBytes);
        joined += l.str() + " ";
    }
    SIPCAT_FUZZ_CHECK(sipcat::rfc::fold(joined) == sipcat::rfc::fold(text));
}

// Lines the parser counts in a file: one more than its line ends.
int line_count(std::string_view data)
{
    int n = 1;
    for (const char c : data)
        n += c == '\n';
    return n;
}

// An error names a line of a file it was given, or (file-level: a whole
// section missing) neither file nor line.
void check_error(const sipcat::CatalogueError &e, const std::vector<sipcat::SourceFile> &files)
{
    SIPCAT_FUZZ_CHECK(!e.message.empty());
    if (e.file.empty()) {
        SIPCAT_FUZZ_CHECK(e.line == 0);
        return;
    }
    const sipcat::SourceFile *f = nullptr;
    for (const sipcat::SourceFile &candidate : files)
        if (candidate.name == e.file)
            f = &candidate;
    SIPCAT_FUZZ_CHECK(f != nullptr);
    SIPCAT_FUZZ_CHECK(e.line >= 1 && e.line <= line_count(f->data));
}

// What a parse gave, as text: the errors, or every text of the catalogue.
std::string fingerprint(const sipcat::ParseResult &r)
{
    std::string out;
    for (const auto &e : r.errors)
        out += e.str() + "\n";
    if (!r.ok())
        return out;
    for (const std::string &lang : r.catalogue->languages())
        for (const sipcat::Entry &e : r.catalogue->entries())
            for (const char *method : {"", "INVITE", "REGISTER"})
                if (const sipcat::TextVariant *t = e.text(lang, method))
                    out += std::to_string(e.code) + lang + method + t->summary.str() + t->explanation.str() +
                           t->remedy.str() + t->expert.str() + "\n";
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"responses.cat", "messages.cat", "q850.cat", "warnings.cat", "findings.cat"};
    const auto parts = sipcat::fuzz::split(sipcat::fuzz::as_text(data, size), '\x1f', 4);
    std::vector<sipcat::SourceFile> files;
    for (size_t i = 0; i < parts.size(); ++i)
        files.push_back({names[i], parts[i]});
    const sipcat::ParseResult r = sipcat::parse_catalogue(files);
    // Errors and a catalogue never come together; each error names a problem
    // where it is; a second parse of the same files says the same.
    SIPCAT_FUZZ_CHECK(r.errors.empty() == (r.catalogue != nullptr));
    for (const auto &e : r.errors)
        check_error(e, files);
    SIPCAT_FUZZ_CHECK(fingerprint(sipcat::parse_catalogue(files)) == fingerprint(r));
    if (!r.ok())
        return 0;
    const sipcat::Catalogue &cat = *r.catalogue;
    SIPCAT_FUZZ_CHECK(!cat.languages().empty() && cat.languages().front() == sipcat::Catalogue::kDefaultLang);
    for (const std::string &lang : cat.languages()) {
        check_messages(cat, lang);
        for (const sipcat::Entry &e : cat.entries()) {
            SIPCAT_FUZZ_CHECK(cat.find(e.code) == &e);
            for (const char *method : {"", "INVITE", "REGISTER", "BYE"}) {
                const sipcat::TextVariant *t = e.text(lang, method);
                SIPCAT_FUZZ_CHECK(t && t->lang == lang);
                SIPCAT_FUZZ_CHECK(!t->summary.empty() && !t->explanation.empty() && !t->remedy.empty());
                SIPCAT_FUZZ_CHECK(!t->expert.empty() && t->expert.find('{') == std::string::npos);
                check_lines(t->explanation, t->explanation_lines);
                check_lines(t->remedy, t->remedy_lines);
            }
            for (const sipcat::Basis &b : e.basis)
                SIPCAT_FUZZ_CHECK(!b.quote.empty() && sipcat::rfc::is_section_id(b.section));
        }
        // A code without an entry is explained exactly when its fallback has one.
        for (unsigned code : {150u, 199u, 299u, 399u, 499u, 599u, 699u}) {
            const sipcat::Annotation a = cat.annotate(code, lang, "INVITE");
            SIPCAT_FUZZ_CHECK((a.entry != nullptr) ==
                              (cat.find(code) != nullptr || cat.find(sipcat::fallback_code(code)) != nullptr));
            if (a.entry)
                SIPCAT_FUZZ_CHECK(a.text && !a.text->expert.empty() && a.text->expert.find('{') == std::string::npos);
        }
        for (const sipcat::Q850Cause &c : cat.q850_causes())
            SIPCAT_FUZZ_CHECK(c.name(lang) && !c.name(lang)->empty());
        for (const sipcat::WarnCode &w : cat.warnings())
            SIPCAT_FUZZ_CHECK(w.explanation(lang) && !w.explanation(lang)->empty());
    }
    return 0;
}
