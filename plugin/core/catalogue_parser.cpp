#include "catalogue_parser.h"

#include "rfc_text.h"

#include <algorithm>
#include <set>
#include <utility>

namespace sipcat {

namespace {

// Messages every catalogue must define, with the placeholders each may use.
struct MessageSpec {
    const char *name;
    std::vector<std::string_view> placeholders;
};

const std::vector<MessageSpec> &message_specs()
{
    static const std::vector<MessageSpec> specs = {
        {"expert", {"code", "reason", "summary", "remedy", "rfc"}},
        {"expert-with-remedy", {"code", "reason", "summary", "remedy", "rfc"}},
        {"expert-user", {"code", "reason", "summary", "remedy"}},
        {"unregistered-reason", {}},
        {"unknown-code-summary", {"code", "fallback", "fallback_reason", "fallback_summary"}},
        {"unknown-code-explanation", {"code", "fallback", "fallback_reason", "fallback_explanation"}},
        {"unknown-code-remedy", {"code", "fallback", "fallback_reason", "fallback_remedy"}},
        {"out-of-range", {"code"}},
        {"malformed-status", {"line"}},
        {"undecoded-status", {"line"}},
        {"warnings-cut", {"count"}},
        {"auth-rejected", {"code", "user"}},
        {"auth-rejected-anonymous", {"code"}},
        {"auth-loop", {"count", "frames"}},
        {"missing-header", {"code", "header"}},
        {"phrase-differs", {"code", "wire", "registered"}},
        {"q850-explanation", {"cause", "name", "class", "sip", "sip_reason"}},
        {"q850-explanation-none", {"cause", "name", "class"}},
        {"q850-unknown", {"cause"}},
        {"q850-class-0", {}},
        {"q850-class-1", {}},
        {"q850-class-2", {}},
        {"q850-class-3", {}},
        {"q850-class-4", {}},
        {"q850-class-5", {}},
        {"q850-class-6", {}},
        {"reason-sip", {"cause", "reason", "summary"}},
        {"reason-lead", {"explanation", "text"}},
        {"warning-unknown", {"code"}},
        {"warning-lead", {"code", "text", "explanation"}},
        {"retry-after", {"seconds"}},
        {"stats-code", {"code", "reason", "summary"}},
        {"stats-responses", {}},
        {"stats-invalid", {}},
        {"stats-retransmissions", {}},
        {"stats-diagnoses", {}},
        {"stats-expected", {}},
        {"stats-unexpected", {}},
        {"stats-auth-challenge", {}},
        {"stats-auth-stale", {}},
        {"stats-auth-rejected", {}},
        {"stats-auth-loop", {}},
        {"stats-missing-header", {}},
        {"stats-outcomes", {}},
    };
    return specs;
}

struct Field {
    std::string key;
    std::string value;
    int line = 0;
};

struct Section {
    std::string header;  // text between the brackets
    std::string file;
    int line = 0;
    std::vector<Field> fields;
};

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits "explanation.de@REGISTER" into its parts; false when it has no language.
bool split_prose_key(std::string_view key, std::string_view &base, std::string_view &lang,
                     std::string_view &method)
{
    const size_t dot = key.find('.');
    if (dot == std::string_view::npos)
        return false;
    base = key.substr(0, dot);
    std::string_view rest = key.substr(dot + 1);
    const size_t at = rest.find('@');
    if (at == std::string_view::npos) {
        lang = rest;
        method = {};
    } else {
        lang = rest.substr(0, at);
        method = rest.substr(at + 1);
    }
    return true;
}

// The language of a "BASE.LANG" key (no @METHOD), or "" when the key is not one.
std::string_view plain_lang(const std::string &key, std::string_view want_base)
{
    std::string_view base, lang, method;
    if (split_prose_key(key, base, lang, method) && base == want_base && method.empty() && is_valid_lang_tag(lang) &&
        key.find('@') == std::string::npos)
        return lang;
    return {};
}

// "basis" and "basis@METHOD" may appear any number of times.
bool is_basis_key(std::string_view key) { return key == "basis" || key.rfind("basis@", 0) == 0; }

class Reader {
public:
    std::vector<Section> sections;
    std::vector<CatalogueError> errors;

    void read(const SourceFile &src)
    {
        Section *cur = nullptr;
        Field *last = nullptr;
        int lineno = 0;
        size_t pos = 0;
        while (pos <= src.data.size()) {
            size_t eol = src.data.find('\n', pos);
            if (eol == std::string_view::npos)
                eol = src.data.size();
            std::string_view raw = src.data.substr(pos, eol - pos);
            pos = eol + 1;
            ++lineno;
            if (!raw.empty() && raw.back() == '\r')
                raw.remove_suffix(1);
            const std::string_view line = trim(raw);
            if (line.empty() || line.front() == '#') {
                if (line.empty())
                    last = nullptr;  // a blank line ends a value
                continue;
            }
            if (raw.front() == ' ' || raw.front() == '\t') {
                if (!last) {
                    error(src.name, lineno, cur, "indented line continues no value");
                    continue;
                }
                if (!last->value.empty() && last->value.back() == '-')
                    error(src.name, lineno, cur, "a value line must not end in '-': the continuation would be "
                                                 "joined with a space");
                last->value.append(" ").append(line);
                continue;
            }
            if (line.front() == '[') {
                if (line.back() != ']' || line.size() < 3) {
                    error(src.name, lineno, nullptr, "malformed section header '" + std::string(line) + "'");
                    cur = nullptr;
                    last = nullptr;
                    continue;
                }
                sections.push_back(Section{std::string(trim(line.substr(1, line.size() - 2))), src.name, lineno, {}});
                cur = &sections.back();
                last = nullptr;
                continue;
            }
            const size_t colon = line.find(':');
            if (colon == std::string_view::npos) {
                error(src.name, lineno, cur, "expected 'key: value', got '" + std::string(line) + "'");
                last = nullptr;
                continue;
            }
            if (!cur) {
                error(src.name, lineno, nullptr, "field outside any [section]");
                last = nullptr;
                continue;
            }
            const std::string key(trim(line.substr(0, colon)));
            for (const Field &f : cur->fields)
                if (f.key == key && !is_basis_key(key))
                    error(src.name, lineno, cur, "duplicate field '" + key + "' (first at line " +
                                                     std::to_string(f.line) + ")");
            cur->fields.push_back(Field{key, std::string(trim(line.substr(colon + 1))), lineno});
            last = &cur->fields.back();
        }
    }

    void error(const std::string &file, int line, const Section *s, std::string msg)
    {
        errors.push_back(CatalogueError{file, line, s ? "[" + s->header + "]" : "", std::move(msg)});
    }
};

}  // namespace

std::string CatalogueError::str() const
{
    std::string s = file.empty() ? "catalogue" : file;
    if (line > 0)
        s += ":" + std::to_string(line);
    s += ": ";
    if (!section.empty())
        s += section + ": ";
    return s + message;
}

bool is_valid_utf8(std::string_view s)
{
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len;
        unsigned cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

// One or more "RFC <digits>[ §<n>[.<n>...]]" separated by "; ".
bool is_valid_rfc_reference(std::string_view s)
{
    static constexpr std::string_view kSection = "\xC2\xA7";  // §
    while (true) {
        if (s.substr(0, 4) != "RFC ")
            return false;
        s.remove_prefix(4);
        size_t d = 0;
        while (d < s.size() && s[d] >= '0' && s[d] <= '9')
            ++d;
        if (d < 3 || d > 5)
            return false;
        s.remove_prefix(d);
        if (s.substr(0, 1 + kSection.size()) == " \xC2\xA7") {
            s.remove_prefix(1 + kSection.size());
            bool want_digit = true;
            size_t k = 0;
            for (; k < s.size(); ++k) {
                const char c = s[k];
                if (c >= '0' && c <= '9') {
                    want_digit = false;
                } else if (c == '.' && !want_digit) {
                    want_digit = true;
                } else {
                    break;
                }
            }
            if (k == 0 || want_digit)
                return false;
            s.remove_prefix(k);
        }
        if (s.empty())
            return true;
        if (s.substr(0, 2) != "; ")
            return false;
        s.remove_prefix(2);
    }
}

bool is_valid_lang_tag(std::string_view s)
{
    auto lower = [](std::string_view p, size_t lo, size_t hi) {
        return p.size() >= lo && p.size() <= hi &&
               std::all_of(p.begin(), p.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    const size_t dash = s.find('-');
    if (dash == std::string_view::npos)
        return lower(s, 2, 3);
    return lower(s.substr(0, dash), 2, 3) && lower(s.substr(dash + 1), 2, 8);
}

bool is_valid_method_token(std::string_view s)
{
    return !s.empty() && s.size() <= 32 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '-' || c == '_'; });
}

class CatalogueBuilder {
public:
    explicit CatalogueBuilder(std::vector<CatalogueError> &errors) : errors_(errors), cat_(new Catalogue) {}

    std::unique_ptr<Catalogue> build(const std::vector<Section> &sections)
    {
        for (const Section &s : sections) {
            if (all_digits(s.header))
                add_entry(s);
            else if (s.header.rfind("message ", 0) == 0)
                add_message(s);
            else if (s.header == "q850 mapping")
                add_q850_mapping(s);
            else if (s.header.rfind("q850 ", 0) == 0)
                add_q850(s);
            else if (s.header.rfind("warning ", 0) == 0)
                add_warning(s);
            else
                error(s, s.line, "unknown section; expected [NNN], [message NAME], [q850 N], [q850 mapping] or [warning NNN]");
        }
        check_completeness();
        // The default language first, then the others alphabetically.
        std::sort(cat_->languages_.begin(), cat_->languages_.end(), [](const std::string &a, const std::string &b) {
            const bool da = a == Catalogue::kDefaultLang, db = b == Catalogue::kDefaultLang;
            return da != db ? da : a < b;
        });
        if (!errors_.empty())
            return nullptr;
        for (auto &e : cat_->entries_)
            cat_->render_expert_texts(*e);
        return std::move(cat_);
    }

private:
    void error(const Section &s, int line, std::string msg)
    {
        errors_.push_back(CatalogueError{s.file, line, "[" + s.header + "]", std::move(msg)});
    }

    void note_language(std::string_view lang)
    {
        if (std::find(cat_->languages_.begin(), cat_->languages_.end(), lang) == cat_->languages_.end())
            cat_->languages_.emplace_back(lang);
    }

    bool check_value(const Section &s, const Field &f)
    {
        if (f.value.empty()) {
            error(s, f.line, "field '" + f.key + "' is empty");
            return false;
        }
        if (!is_valid_utf8(f.value)) {
            error(s, f.line, "field '" + f.key + "' is not valid UTF-8");
            return false;
        }
        return true;
    }

    void add_entry(const Section &s)
    {
        unsigned long code = 0;
        if (s.header.size() != 3 || (code = std::stoul(s.header)) < kMinCode || code > kMaxCode) {
            error(s, s.line, "status code must be three digits in 100..699");
            return;
        }
        if (const Entry *prev = cat_->by_code_[code]) {
            error(s, s.line, "code " + s.header + " appears twice (first at line " + std::to_string(prev->line) + ")");
            return;
        }
        auto e = std::make_unique<Entry>();
        e->code = static_cast<unsigned>(code);
        e->line = s.line;
        e->file = s.file;
        bool have_reason = false, have_rfc = false;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            std::string_view base, lang, method;
            if (f.key == "reason") {
                e->reason = f.value;
                have_reason = true;
            } else if (is_basis_key(f.key)) {
                add_basis(s, f, e->basis, true);
            } else if (f.key == "status") {
                if (f.value == "current")
                    e->status = EntryStatus::Current;
                else if (f.value == "deprecated")
                    e->status = EntryStatus::Deprecated;
                else if (f.value == "obsolete")
                    e->status = EntryStatus::Obsolete;
                else
                    error(s, f.line, "status must be current, deprecated or obsolete, not '" + f.value + "'");
            } else if (f.key == "class") {  // optional: derived from the code, checked when given
                if (f.value != std::to_string(code / 100))
                    error(s, f.line, "class " + f.value + " disagrees with code " + s.header + " (class " +
                                         std::to_string(code / 100) + ")");
            } else if (f.key == "rfc") {
                have_rfc = true;
                if (!is_valid_rfc_reference(f.value))
                    error(s, f.line, "malformed rfc reference '" + f.value + "' (expected e.g. 'RFC 3261 §21.4.24')");
                e->rfc = f.value;
            } else if (f.key == "seen-as") {
                size_t start = 0;
                while (start <= f.value.size()) {
                    size_t bar = f.value.find('|', start);
                    if (bar == std::string::npos)
                        bar = f.value.size();
                    const std::string_view phrase = trim(std::string_view(f.value).substr(start, bar - start));
                    if (phrase.empty())
                        error(s, f.line, "empty phrase in seen-as");
                    else
                        e->seen_as.emplace_back(phrase);
                    start = bar + 1;
                }
            } else if (split_prose_key(f.key, base, lang, method) && (base == "summary" || base == "explanation" || base == "remedy" || base == "note")) {
                if (!is_valid_lang_tag(lang)) {
                    error(s, f.line, "bad language tag '" + std::string(lang) + "' in '" + f.key + "'");
                    continue;
                }
                if (f.key.find('@') != std::string::npos && !is_valid_method_token(method)) {
                    error(s, f.line, "bad method '" + std::string(method) + "' in '" + f.key + "'");
                    continue;
                }
                note_language(lang);
                if (base == "summary" && f.value.size() > Catalogue::kMaxSummaryBytes)
                    error(s, f.line, f.key + " is " + std::to_string(f.value.size()) + " bytes; at most " +
                                         std::to_string(Catalogue::kMaxSummaryBytes) + " fit an expert line");
                TextVariant &t = variant(*e, lang, method);
                (base == "summary" ? t.summary : base == "explanation" ? t.explanation
                                               : base == "remedy"    ? t.remedy
                                                                     : t.note) = f.value;
            } else {
                error(s, f.line, "unknown field '" + f.key + "'");
            }
        }
        if (!have_reason)
            error(s, s.line, "missing reason");
        if (!have_rfc)
            error(s, s.line, "missing rfc");
        cat_->by_code_[code] = e.get();
        cat_->entries_.push_back(std::move(e));
    }

    static TextVariant &variant(Entry &e, std::string_view lang, std::string_view method)
    {
        for (TextVariant &t : e.texts)
            if (t.lang == lang && t.method == method)
                return t;
        e.texts.push_back(TextVariant{std::string(lang), std::string(method), {}, {}, {}, {}, {}, {}});
        return e.texts.back();
    }

    void add_message(const Section &s)
    {
        const std::string name = std::string(trim(std::string_view(s.header).substr(8)));
        const MessageSpec *spec = nullptr;
        for (const MessageSpec &m : message_specs())
            if (name == m.name)
                spec = &m;
        if (!spec) {
            error(s, s.line, "unknown message '" + name + "'");
            return;
        }
        if (cat_->message(name)) {
            error(s, s.line, "message '" + name + "' defined twice");
            return;
        }
        Message msg;
        msg.name = name;
        msg.file = s.file;
        msg.line = s.line;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            const std::string_view lang = plain_lang(f.key, "text");
            if (lang.empty()) {
                error(s, f.line, "unknown field '" + f.key + "' (expected text.LANG)");
                continue;
            }
            check_placeholders(s, f, *spec);
            note_language(lang);
            msg.by_lang.emplace_back(std::string(lang), f.value);
        }
        cat_->messages_.push_back(std::move(msg));
    }

    // The number after the section keyword, within [lo, hi]; -1 if it is not.
    long section_number(const Section &s, size_t skip, long lo, long hi)
    {
        const std::string digits = std::string(trim(std::string_view(s.header).substr(skip)));
        if (!all_digits(digits) || digits.size() > 4 || std::stol(digits) < lo || std::stol(digits) > hi) {
            error(s, s.line, "number must be in " + std::to_string(lo) + ".." + std::to_string(hi));
            return -1;
        }
        return std::stol(digits);
    }

    void add_q850(const Section &s)
    {
        const long n = section_number(s, 5, 0, 127);
        if (n < 0)
            return;
        if (cat_->q850(static_cast<unsigned>(n))) {
            error(s, s.line, "cause " + std::to_string(n) + " appears twice");
            return;
        }
        Q850Cause c;
        c.cause = static_cast<unsigned>(n);
        c.file = s.file;
        c.line = s.line;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            const std::string_view lang = plain_lang(f.key, "name");
            if (is_basis_key(f.key)) {
                add_basis(s, f, c.basis, false);
            } else if (f.key == "sip") {
                if (f.value == "none")
                    c.sip = 0;
                else if (f.value.size() == 3 && all_digits(f.value) && std::stoul(f.value) >= kMinCode &&
                         std::stoul(f.value) <= kMaxCode)
                    c.sip = static_cast<unsigned>(std::stoul(f.value));
                else
                    error(s, f.line, "sip must be a status code in 100..699 or 'none'");
            } else if (!lang.empty()) {
                note_language(lang);
                c.names.emplace_back(std::string(lang), f.value);
            } else {
                error(s, f.line, "unknown field '" + f.key + "'");
            }
        }
        cat_->q850_.push_back(std::move(c));
        sections_by_kind_.push_back(&s);
    }

    // File-level: what the whole Q.850 mapping rests on.
    void add_q850_mapping(const Section &s)
    {
        if (q850_mapping_) {
            error(s, s.line, "[q850 mapping] appears twice (first at line " + std::to_string(q850_mapping_->line) + ")");
            return;
        }
        q850_mapping_ = &s;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            if (is_basis_key(f.key))
                add_basis(s, f, cat_->q850_basis_, false);
            else
                error(s, f.line, "unknown field '" + f.key + "' (only basis lines belong here)");
        }
    }

    void add_warning(const Section &s)
    {
        const long n = section_number(s, 8, 300, 399);
        if (n < 0)
            return;
        if (cat_->warning(static_cast<unsigned>(n))) {
            error(s, s.line, "warn-code " + std::to_string(n) + " appears twice");
            return;
        }
        WarnCode w;
        w.code = static_cast<unsigned>(n);
        w.file = s.file;
        w.line = s.line;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            const std::string_view lang = plain_lang(f.key, "explanation");
            if (is_basis_key(f.key)) {
                add_basis(s, f, w.basis, false);
            } else if (f.key == "text") {
                w.text = f.value;
            } else if (f.key == "rfc") {
                if (!is_valid_rfc_reference(f.value))
                    error(s, f.line, "malformed rfc reference '" + f.value + "'");
                w.rfc = f.value;
            } else if (!lang.empty()) {
                note_language(lang);
                w.explanations.emplace_back(std::string(lang), f.value);
            } else {
                error(s, f.line, "unknown field '" + f.key + "'");
            }
        }
        if (w.text.empty())
            error(s, s.line, "missing text");
        if (w.rfc.empty())
            error(s, s.line, "missing rfc");
        cat_->warnings_.push_back(std::move(w));
        sections_by_kind_.push_back(&s);
    }

    // basis: RFC <number> §<section> "<verbatim quote>"; the quote runs from
    // the value's first '"' to its last, so it may hold quotes itself.
    void add_basis(const Section &s, const Field &f, std::vector<Basis> &out, bool methods_allowed)
    {
        Basis b;
        b.file = s.file;
        b.line = f.line;
        if (f.key != "basis") {
            b.method = f.key.substr(6);
            if (!methods_allowed) {
                error(s, f.line, "'" + f.key + "': only response entries have method variants");
                return;
            }
            if (!is_valid_method_token(b.method)) {
                error(s, f.line, "bad method '" + b.method + "' in '" + f.key + "'");
                return;
            }
        }
        const std::string_view v = f.value;
        const size_t open = v.find('"'), close = v.rfind('"');
        const std::string expected = " (expected: " + f.key + ": RFC 3261 \xC2\xA7" "21.4.24 \"verbatim quote\")";
        if (open == std::string_view::npos || close == open) {
            error(s, f.line, "basis without a quoted sentence" + expected);
            return;
        }
        if (!trim(v.substr(close + 1)).empty()) {
            error(s, f.line, "text after the closing quote of the basis" + expected);
            return;
        }
        b.quote = std::string(trim(v.substr(open + 1, close - open - 1)));
        if (b.quote.empty()) {
            error(s, f.line, "empty quote in basis" + expected);
            return;
        }
        std::string_view ref = trim(v.substr(0, open));
        static constexpr std::string_view kSection = " \xC2\xA7";
        size_t d = 4;
        while (d < ref.size() && ref[d] >= '0' && ref[d] <= '9')
            ++d;
        if (ref.substr(0, 4) != "RFC " || d < 7 || d > 9 || ref.substr(d, kSection.size()) != kSection) {
            error(s, f.line, "basis must start with 'RFC <number> \xC2\xA7<section>'" + expected);
            return;
        }
        b.rfc = static_cast<unsigned>(std::stoul(std::string(ref.substr(4, d - 4))));
        b.section = std::string(ref.substr(d + kSection.size()));
        if (!rfc::is_section_id(b.section)) {
            error(s, f.line, "malformed section '" + b.section + "' in basis (expected e.g. 21.4.24 or A.1)");
            return;
        }
        out.push_back(std::move(b));
    }

    void check_placeholders(const Section &s, const Field &f, const MessageSpec &spec)
    {
        size_t i = 0;
        while ((i = f.value.find('{', i)) != std::string::npos) {
            const size_t close = f.value.find('}', i);
            if (close == std::string::npos) {
                error(s, f.line, "unclosed '{' in " + f.key);
                return;
            }
            const std::string key = f.value.substr(i + 1, close - i - 1);
            if (std::find(spec.placeholders.begin(), spec.placeholders.end(), key) == spec.placeholders.end())
                error(s, f.line, "unknown placeholder {" + key + "} in " + f.key);
            i = close + 1;
        }
    }

    // Every language used anywhere must be complete everywhere; the default
    // language must exist.
    void check_completeness()
    {
        if (std::find(cat_->languages_.begin(), cat_->languages_.end(), Catalogue::kDefaultLang) ==
            cat_->languages_.end())
            note_language(Catalogue::kDefaultLang);
        for (const auto &e : cat_->entries_) {
            auto missing = [&](const std::string &what) {
                errors_.push_back(CatalogueError{e->file, e->line, "[" + std::to_string(e->code) + "]", "missing " + what});
            };
            for (const std::string &lang : cat_->languages_) {
                const TextVariant *t = nullptr;
                for (const TextVariant &v : e->texts)
                    if (v.lang == lang && v.method.empty())
                        t = &v;
                if (!t || t->summary.empty())
                    missing("summary." + lang);
                if (!t || t->explanation.empty())
                    missing("explanation." + lang);
                if (!t || t->remedy.empty())
                    missing("remedy." + lang);
            }
            // A note, where an entry has one, is needed in every language too.
            bool has_note = false;
            for (const TextVariant &v : e->texts)
                has_note = has_note || (v.method.empty() && !v.note.empty());
            for (const std::string &lang : cat_->languages_) {
                bool here = false;
                for (const TextVariant &v : e->texts)
                    here = here || (v.lang == lang && v.method.empty() && !v.note.empty());
                if (has_note && !here)
                    missing("note." + lang);
            }
            // basis@METHOD backs a method variant, which must exist.
            for (const Basis &b : e->basis) {
                if (b.method.empty())
                    continue;
                bool found = false;
                for (const TextVariant &v : e->texts)
                    found = found || v.method == b.method;
                if (!found)
                    errors_.push_back(CatalogueError{b.file, b.line, "[" + std::to_string(e->code) + "]",
                                                     "basis@" + b.method + " but no text for " + b.method});
            }
            // A method-specific variant may give only one of the two fields.
            for (TextVariant &v : e->texts) {
                if (v.method.empty())
                    continue;
                const TextVariant *general = nullptr;
                for (const TextVariant &g : e->texts)
                    if (g.lang == v.lang && g.method.empty())
                        general = &g;
                if (general && v.summary.empty())
                    v.summary = general->summary;
                if (general && v.explanation.empty())
                    v.explanation = general->explanation;
                if (general && v.remedy.empty())
                    v.remedy = general->remedy;
                if (general && v.note.empty())
                    v.note = general->note;
            }
        }
        // Q.850 names and warn-code explanations in every language too.
        for (const Section *s : sections_by_kind_) {
            const bool is_q850 = s->header.rfind("q850 ", 0) == 0;
            const std::string prefix = is_q850 ? "name." : "explanation.";
            for (const std::string &lang : cat_->languages_) {
                bool found = false;
                for (const Field &f : s->fields)
                    found = found || f.key == prefix + lang;
                if (!found)
                    errors_.push_back(CatalogueError{s->file, s->line, "[" + s->header + "]", "missing " + prefix + lang});
            }
        }
        for (const MessageSpec &spec : message_specs()) {
            const Message *m = cat_->message(spec.name);
            if (!m) {
                errors_.push_back(CatalogueError{"", 0, "", std::string("missing [message ") + spec.name + "]"});
                continue;
            }
            for (const std::string &lang : cat_->languages_) {
                bool found = false;
                for (const auto &[l, text] : m->by_lang)
                    found = found || l == lang;
                if (!found)
                    errors_.push_back(CatalogueError{m->file, m->line, std::string("[message ") + spec.name + "]",
                                                     "missing text." + lang});
            }
        }
    }

    std::vector<CatalogueError> &errors_;
    std::unique_ptr<Catalogue> cat_;
    std::vector<const Section *> sections_by_kind_;  // q850 and warning sections, for completeness
    const Section *q850_mapping_ = nullptr;
};

ParseResult parse_catalogue(const std::vector<SourceFile> &files)
{
    ParseResult r;
    Reader reader;
    for (const SourceFile &f : files)
        reader.read(f);
    r.errors = std::move(reader.errors);
    CatalogueBuilder builder(r.errors);
    std::unique_ptr<Catalogue> cat = builder.build(reader.sections);
    if (r.errors.empty())
        r.catalogue = std::move(cat);
    return r;
}

}  // namespace sipcat
