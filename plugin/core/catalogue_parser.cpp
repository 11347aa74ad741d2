#include "catalogue_parser.h"

#include "messages.h"
#include "rfc_text.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sipcat {

namespace {

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


namespace {

// What the parser collects before the catalogue is frozen into constant arrays.
struct DraftBasis {
    unsigned rfc = 0;
    std::string section, quote, method, file;
    int line = 0;
};

struct DraftVariant {
    std::string lang, method, summary, explanation, remedy, note;
};

struct DraftEntry {
    unsigned code = 0;
    std::string reason;
    EntryStatus status = EntryStatus::Current;
    std::string rfc;
    std::vector<std::string> seen_as;
    std::vector<DraftVariant> texts;
    std::vector<DraftBasis> basis;
    std::string file;
    int line = 0;
};

using LangPairs = std::vector<std::pair<std::string, std::string>>;

struct DraftMessageText {
    std::string lang;
    PluralForm form = PluralForm::Any;
    std::string text;
};

struct DraftMessage {
    const MessageSpec *spec = nullptr;
    std::string file;
    int line = 0;
    std::vector<DraftMessageText> texts;
    std::vector<DraftBasis> basis;  // findings.cat: the RFC text a finding's words rest on
};

struct DraftCause {
    unsigned cause = 0;
    LangPairs names;
    unsigned sip = 500;
    unsigned sip_also = 0;
    LangPairs sip_also_when;
    std::vector<DraftBasis> basis;
    std::string file;
    int line = 0;
};

struct DraftWarn {
    unsigned code = 0;
    std::string text, rfc;
    LangPairs explanations;
    std::vector<DraftBasis> basis;
    std::string file;
    int line = 0;
};

struct Draft {
    std::vector<DraftEntry> entries;
    std::array<int, kMaxCode + 1> by_code{};  // index + 1 into entries; 0 = none
    std::vector<DraftMessage> messages;
    std::vector<DraftCause> q850;
    std::vector<DraftWarn> warnings;
    std::vector<DraftBasis> q850_basis;
    std::vector<std::string> languages;

    const DraftMessage *message(MessageId id) const
    {
        for (const DraftMessage &m : messages)
            if (m.spec->id == id)
                return &m;
        return nullptr;
    }
    bool has_cause(unsigned n) const
    {
        return std::any_of(q850.begin(), q850.end(), [&](const DraftCause &c) { return c.cause == n; });
    }
    bool has_warning(unsigned n) const
    {
        return std::any_of(warnings.begin(), warnings.end(), [&](const DraftWarn &w) { return w.code == n; });
    }
};

// Turns the draft into a Catalogue whose arrays live in one TextStore, with
// the expert lines and wrapped lines rendered.
std::unique_ptr<Catalogue> freeze(const Draft &d)
{
    auto store = std::make_shared<TextStore>();
    TextStore &s = *store;
    auto basis = [&](const std::vector<DraftBasis> &v) {
        std::vector<Basis> out;
        for (const DraftBasis &b : v)
            out.push_back(Basis{b.rfc, s.text(b.section), s.text(b.quote), s.text(b.method), s.text(b.file), b.line});
        return s.keep(std::move(out));
    };
    auto pairs = [&](const LangPairs &v) {
        std::vector<LangText> out;
        for (const auto &[lang, text] : v)
            out.push_back(LangText{s.text(lang), s.text(text)});
        return s.keep(std::move(out));
    };
    CatalogueData data;
    std::vector<Message> messages;
    for (const DraftMessage &m : d.messages) {
        std::vector<MessageText> texts;
        for (const DraftMessageText &t : m.texts)
            texts.push_back(MessageText{s.text(t.lang), t.form, s.text(t.text)});
        messages.push_back(
            Message{m.spec->id, s.text(std::string(m.spec->name)), s.text(m.file), m.line, s.keep(std::move(texts)),
                    basis(m.basis)});
    }
    // In the order of messages.h, as the compiled tables have them.
    std::sort(messages.begin(), messages.end(), [](const Message &a, const Message &b) { return a.id < b.id; });
    data.messages = s.keep(std::move(messages));
    std::vector<Q850Cause> causes;
    for (const DraftCause &c : d.q850)
        causes.push_back(Q850Cause{c.cause, pairs(c.names), c.sip, basis(c.basis), s.text(c.file), c.line, c.sip_also,
                                   pairs(c.sip_also_when)});
    data.q850 = s.keep(std::move(causes));
    std::vector<WarnCode> warnings;
    for (const DraftWarn &w : d.warnings)
        warnings.push_back(WarnCode{w.code, s.text(w.text), s.text(w.rfc), pairs(w.explanations), basis(w.basis),
                                    s.text(w.file), w.line});
    data.warnings = s.keep(std::move(warnings));
    data.q850_basis = basis(d.q850_basis);
    data.languages = s.texts(d.languages);

    const Catalogue texts_only(data);  // renders the expert lines
    std::vector<Entry> entries;
    for (const DraftEntry &de : d.entries) {
        Entry e;
        e.code = de.code;
        e.reason = s.text(de.reason);
        e.status = de.status;
        e.rfc = s.text(de.rfc);
        e.seen_as = s.texts(de.seen_as);
        e.basis = basis(de.basis);
        e.file = s.text(de.file);
        e.line = de.line;
        std::vector<TextVariant> variants;
        for (const DraftVariant &dv : de.texts) {
            TextVariant t;
            t.lang = s.text(dv.lang);
            t.method = s.text(dv.method);
            t.summary = s.text(dv.summary);
            t.explanation = s.text(dv.explanation);
            t.remedy = s.text(dv.remedy);
            t.note = s.text(dv.note);
            texts_only.finish_text(t, e.code, e.reason, e.rfc, s);
            texts_only.finish_basis(t, e.basis, s);
            variants.push_back(t);
        }
        e.texts = s.keep(std::move(variants));
        entries.push_back(e);
    }
    data.entries = s.keep(std::move(entries));
    return std::make_unique<Catalogue>(data, store);
}

class CatalogueBuilder {
public:
    explicit CatalogueBuilder(std::vector<CatalogueError> &errors) : errors_(errors) {}

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
        std::sort(d_.languages.begin(), d_.languages.end(), [](const std::string &a, const std::string &b) {
            const bool da = a == Catalogue::kDefaultLang, db = b == Catalogue::kDefaultLang;
            return da != db ? da : a < b;
        });
        if (!errors_.empty())
            return nullptr;
        return freeze(d_);
    }

private:
    void error(const Section &s, int line, std::string msg)
    {
        errors_.push_back(CatalogueError{s.file, line, "[" + s.header + "]", std::move(msg)});
    }

    void note_language(std::string_view lang)
    {
        if (std::find(d_.languages.begin(), d_.languages.end(), lang) == d_.languages.end())
            d_.languages.emplace_back(lang);
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
        if (const int prev = d_.by_code[code]) {
            error(s, s.line,
                  "code " + s.header + " appears twice (first at line " + std::to_string(d_.entries[prev - 1].line) + ")");
            return;
        }
        DraftEntry e;
        e.code = static_cast<unsigned>(code);
        e.line = s.line;
        e.file = s.file;
        bool have_reason = false, have_rfc = false;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            std::string_view base, lang, method;
            if (f.key == "reason") {
                e.reason = f.value;
                have_reason = true;
            } else if (is_basis_key(f.key)) {
                add_basis(s, f, e.basis, true);
            } else if (f.key == "status") {
                if (f.value == "current")
                    e.status = EntryStatus::Current;
                else if (f.value == "deprecated")
                    e.status = EntryStatus::Deprecated;
                else if (f.value == "obsolete")
                    e.status = EntryStatus::Obsolete;
                else
                    error(s, f.line, "status must be current, deprecated or obsolete, not '" + f.value + "'");
            } else if (f.key == "class") {  // the first digit of the code; no longer data
                error(s, f.line, "unknown field 'class': the class is the code's first digit (" +
                                     std::to_string(code / 100) + " for " + s.header + "); delete the line");
            } else if (f.key == "rfc") {
                have_rfc = true;
                if (!is_valid_rfc_reference(f.value))
                    error(s, f.line, "malformed rfc reference '" + f.value + "' (expected e.g. 'RFC 3261 §21.4.24')");
                e.rfc = f.value;
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
                        e.seen_as.emplace_back(phrase);
                    start = bar + 1;
                }
            } else if (split_prose_key(f.key, base, lang, method) &&
                       (base == "summary" || base == "explanation" || base == "remedy" || base == "note")) {
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
                DraftVariant &t = variant(e, lang, method);
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
        d_.entries.push_back(std::move(e));
        d_.by_code[code] = static_cast<int>(d_.entries.size());
    }

    static DraftVariant &variant(DraftEntry &e, std::string_view lang, std::string_view method)
    {
        for (DraftVariant &t : e.texts)
            if (t.lang == lang && t.method == method)
                return t;
        e.texts.push_back(DraftVariant{std::string(lang), std::string(method), {}, {}, {}, {}});
        return e.texts.back();
    }

    void add_message(const Section &s)
    {
        const std::string name = std::string(trim(std::string_view(s.header).substr(8)));
        const MessageSpec *spec = find_message_spec(name);
        if (!spec) {
            error(s, s.line, "unknown message '" + name + "' (messages.h lists them)");
            return;
        }
        if (d_.message(spec->id)) {
            error(s, s.line, "message '" + name + "' defined twice");
            return;
        }
        const bool counted = spec->count_index() >= 0;
        DraftMessage msg;
        msg.spec = spec;
        msg.file = s.file;
        msg.line = s.line;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            if (is_basis_key(f.key)) {
                add_basis(s, f, msg.basis, false);
                continue;
            }
            // text.LANG, or text.LANG.FORM for a message with a count
            std::string_view key = f.key, lang, form_name;
            PluralForm form = PluralForm::Any;
            if (key.substr(0, 5) == "text.") {
                key.remove_prefix(5);
                const size_t dot = key.find('.');
                lang = key.substr(0, dot);
                if (dot != std::string_view::npos)
                    form_name = key.substr(dot + 1);
            }
            if (lang.empty() || !is_valid_lang_tag(lang)) {
                error(s, f.line, "unknown field '" + f.key + "' (expected text.LANG)");
                continue;
            }
            if (form_name == "zero")
                form = PluralForm::Zero;
            else if (form_name == "one")
                form = PluralForm::One;
            else if (form_name == "other")
                form = PluralForm::Other;
            else if (!form_name.empty()) {
                error(s, f.line, "unknown plural form '" + std::string(form_name) + "' in " + f.key +
                                     " (zero, one or other)");
                continue;
            }
            if (counted && form == PluralForm::Any) {
                error(s, f.line, "'" + name + "' has a count {" +
                                     std::string(spec->placeholders[spec->count_index()].name) + "}: write text." +
                                     std::string(lang) + ".one and text." + std::string(lang) +
                                     ".other (and .zero where 0 needs other words)");
                continue;
            }
            if (!counted && form != PluralForm::Any) {
                error(s, f.line, "'" + name + "' has no count: plural forms do not apply (write text." +
                                     std::string(lang) + ")");
                continue;
            }
            check_placeholders(s, f, *spec);
            note_language(lang);
            msg.texts.push_back(DraftMessageText{std::string(lang), form, f.value});
        }
        d_.messages.push_back(std::move(msg));
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
        if (d_.has_cause(static_cast<unsigned>(n))) {
            error(s, s.line, "cause " + std::to_string(n) + " appears twice");
            return;
        }
        DraftCause c;
        c.cause = static_cast<unsigned>(n);
        c.file = s.file;
        c.line = s.line;
        for (const Field &f : s.fields) {
            if (!check_value(s, f))
                continue;
            const std::string_view lang = plain_lang(f.key, "name");
            const std::string_view when_lang = plain_lang(f.key, "sip-also-when");
            if (is_basis_key(f.key)) {
                add_basis(s, f, c.basis, false);
            } else if (f.key == "sip-also") {
                if (f.value.size() == 3 && all_digits(f.value) && std::stoul(f.value) >= kMinCode &&
                    std::stoul(f.value) <= kMaxCode)
                    c.sip_also = static_cast<unsigned>(std::stoul(f.value));
                else
                    error(s, f.line, "sip-also must be a status code in 100..699");
            } else if (!when_lang.empty()) {
                note_language(when_lang);
                c.sip_also_when.emplace_back(std::string(when_lang), f.value);
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
        if (c.sip_also && c.sip_also == c.sip)
            error(s, s.line, "sip-also " + std::to_string(c.sip_also) + " is the same as sip");
        if (c.sip_also && c.basis.empty())
            error(s, s.line, "sip-also needs a basis line: the RFC 3398 text that gives the second code");
        if (!c.sip_also && !c.sip_also_when.empty())
            error(s, s.line, "sip-also-when without sip-also");
        d_.q850.push_back(std::move(c));
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
                add_basis(s, f, d_.q850_basis, false);
            else
                error(s, f.line, "unknown field '" + f.key + "' (only basis lines belong here)");
        }
    }

    void add_warning(const Section &s)
    {
        const long n = section_number(s, 8, 300, 399);
        if (n < 0)
            return;
        if (d_.has_warning(static_cast<unsigned>(n))) {
            error(s, s.line, "warn-code " + std::to_string(n) + " appears twice");
            return;
        }
        DraftWarn w;
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
        d_.warnings.push_back(std::move(w));
        sections_by_kind_.push_back(&s);
    }

    // basis: RFC <number> §<section> "<verbatim quote>"; the quote runs from
    // the value's first '"' to its last, so it may hold quotes itself.
    void add_basis(const Section &s, const Field &f, std::vector<DraftBasis> &out, bool methods_allowed)
    {
        DraftBasis b;
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
            if (spec.find(key) < 0)
                error(s, f.line, "unknown placeholder {" + key + "} in " + f.key);
            i = close + 1;
        }
    }

    // Every language used anywhere must be complete everywhere; the default
    // language must exist.
    void check_completeness()
    {
        if (std::find(d_.languages.begin(), d_.languages.end(), Catalogue::kDefaultLang) == d_.languages.end())
            note_language(Catalogue::kDefaultLang);
        for (DraftEntry &e : d_.entries) {
            auto missing = [&](const std::string &what) {
                errors_.push_back(CatalogueError{e.file, e.line, "[" + std::to_string(e.code) + "]", "missing " + what});
            };
            auto general_of = [&](const std::string &lang) -> const DraftVariant * {
                for (const DraftVariant &v : e.texts)
                    if (v.lang == lang && v.method.empty())
                        return &v;
                return nullptr;
            };
            bool has_note = false;
            for (const DraftVariant &v : e.texts)
                has_note = has_note || (v.method.empty() && !v.note.empty());
            for (const std::string &lang : d_.languages) {
                const DraftVariant *t = general_of(lang);
                if (!t || t->summary.empty())
                    missing("summary." + lang);
                if (!t || t->explanation.empty())
                    missing("explanation." + lang);
                if (!t || t->remedy.empty())
                    missing("remedy." + lang);
            }
            // A note, where an entry has one, is needed in every language too.
            for (const std::string &lang : d_.languages) {
                const DraftVariant *t = general_of(lang);
                if (has_note && (!t || t->note.empty()))
                    missing("note." + lang);
            }
            // basis@METHOD backs a method variant, which must exist.
            for (const DraftBasis &b : e.basis) {
                if (b.method.empty())
                    continue;
                const bool found = std::any_of(e.texts.begin(), e.texts.end(),
                                               [&](const DraftVariant &v) { return v.method == b.method; });
                if (!found)
                    errors_.push_back(CatalogueError{b.file, b.line, "[" + std::to_string(e.code) + "]",
                                                     "basis@" + b.method + " but no text for " + b.method});
            }
            // A method-specific variant may give only some fields; the rest come
            // from the general text of its language.
            for (DraftVariant &v : e.texts) {
                if (v.method.empty())
                    continue;
                const DraftVariant *general = general_of(v.lang);
                if (!general)
                    continue;
                for (auto field : {&DraftVariant::summary, &DraftVariant::explanation, &DraftVariant::remedy,
                                   &DraftVariant::note})
                    if ((v.*field).empty())
                        v.*field = general->*field;
            }
        }
        // Q.850 names and warn-code explanations in every language too.
        for (const Section *s : sections_by_kind_) {
            const bool is_q850 = s->header.rfind("q850 ", 0) == 0;
            std::vector<std::string> prefixes = {is_q850 ? "name." : "explanation."};
            for (const Field &f : s->fields)
                if (is_q850 && f.key == "sip-also")
                    prefixes.push_back("sip-also-when.");  // when the second code applies, in every language
            for (const std::string &prefix : prefixes)
                for (const std::string &lang : d_.languages) {
                    bool found = false;
                    for (const Field &f : s->fields)
                        found = found || f.key == prefix + lang;
                    if (!found)
                        errors_.push_back(
                            CatalogueError{s->file, s->line, "[" + s->header + "]", "missing " + prefix + lang});
                }
        }
        for (size_t k = 0; k < kMessageCount; ++k) {
            const MessageSpec &spec = message_specs()[k];
            const std::string section = "[message " + std::string(spec.name) + "]";
            const DraftMessage *m = d_.message(spec.id);
            if (!m) {
                errors_.push_back(CatalogueError{"", 0, "", "missing " + section});
                continue;
            }
            const bool counted = spec.count_index() >= 0;
            bool ordinal_used = false;
            for (size_t p = 0; p < spec.placeholder_count; ++p)
                ordinal_used = ordinal_used || spec.placeholders[p].kind == PlaceholderKind::Ordinal;
            for (const std::string &lang : d_.languages) {
                auto has = [&](PluralForm form) {
                    return std::any_of(m->texts.begin(), m->texts.end(),
                                       [&](const DraftMessageText &t) { return t.lang == lang && t.form == form; });
                };
                auto missing = [&](const std::string &what) {
                    errors_.push_back(CatalogueError{m->file, m->line, section, "missing " + what});
                };
                if (!counted && !has(PluralForm::Any))
                    missing("text." + lang);
                if (counted && !has(PluralForm::One))
                    missing("text." + lang + ".one");
                if (counted && !has(PluralForm::Other))
                    missing("text." + lang + ".other");
                PluralForm form;
                std::string nth;
                if (counted && !plural_form(lang, 1, form))
                    errors_.push_back(CatalogueError{m->file, m->line, section,
                                                     "sipcat has no plural rule for language '" + lang +
                                                         "' (add it to plural_form() in plugin/core/messages.cpp)"});
                if (ordinal_used && !ordinal(lang, 1, nth))
                    errors_.push_back(CatalogueError{m->file, m->line, section,
                                                     "sipcat has no ordinal rule for language '" + lang +
                                                         "' (add it to ordinal() in plugin/core/messages.cpp)"});
            }
        }
    }

    std::vector<CatalogueError> &errors_;
    Draft d_;
    std::vector<const Section *> sections_by_kind_;  // q850 and warning sections, for completeness
    const Section *q850_mapping_ = nullptr;
};

}  // namespace

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
