#include "catalogue.h"

#include <string>

#include "text_wrap.h"

namespace sipcat {

const char *status_name(EntryStatus s)
{
    switch (s) {
    case EntryStatus::Current: return "current";
    case EntryStatus::Deprecated: return "deprecated";
    case EntryStatus::Obsolete: return "obsolete";
    }
    return "";
}

const TextVariant *Entry::text(std::string_view lang, std::string_view method) const
{
    const TextVariant *lang_any = nullptr, *dflt_method = nullptr, *dflt_any = nullptr;
    for (const TextVariant &t : texts) {
        const bool is_lang = t.lang == lang;
        const bool is_dflt = t.lang == Catalogue::kDefaultLang;
        if (!t.method.empty()) {
            if (t.method != method)
                continue;
            if (is_lang)
                return &t;
            if (is_dflt)
                dflt_method = &t;
        } else if (is_lang) {
            lang_any = &t;
        } else if (is_dflt) {
            dflt_any = &t;
        }
    }
    if (lang_any)
        return lang_any;
    return dflt_method ? dflt_method : dflt_any;
}



namespace {
const std::string *by_lang(const std::vector<std::pair<std::string, std::string>> &v, std::string_view lang)
{
    const std::string *dflt = nullptr;
    for (const auto &[l, text] : v) {
        if (l == lang)
            return &text;
        if (l == Catalogue::kDefaultLang)
            dflt = &text;
    }
    return dflt;
}
}  // namespace

const std::string *Message::get(std::string_view lang) const { return sipcat::by_lang(by_lang, lang); }
const std::string *Q850Cause::name(std::string_view lang) const { return by_lang(names, lang); }
const std::string *WarnCode::explanation(std::string_view lang) const { return by_lang(explanations, lang); }

const Q850Cause *Catalogue::q850(unsigned cause) const
{
    for (const Q850Cause &c : q850_)
        if (c.cause == cause)
            return &c;
    return nullptr;
}

const WarnCode *Catalogue::warning(unsigned code) const
{
    for (const WarnCode &w : warnings_)
        if (w.code == code)
            return &w;
    return nullptr;
}

std::string expand(std::string_view tmpl,
                   const std::vector<std::pair<std::string_view, std::string>> &values)
{
    std::string out;
    out.reserve(tmpl.size() + 64);
    size_t i = 0;
    while (i < tmpl.size()) {
        const size_t open = tmpl.find('{', i);
        if (open == std::string_view::npos) {
            out.append(tmpl.substr(i));
            break;
        }
        out.append(tmpl.substr(i, open - i));
        const size_t close = tmpl.find('}', open);
        if (close == std::string_view::npos) {
            out.append(tmpl.substr(open));
            break;
        }
        const std::string_view key = tmpl.substr(open + 1, close - open - 1);
        const std::string *value = nullptr;
        for (const auto &[k, v] : values)
            if (k == key)
                value = &v;
        if (value)
            out.append(*value);
        else
            out.append(tmpl.substr(open, close - open + 1));
        i = close + 1;
    }
    return out;
}

const Entry *Catalogue::find(unsigned code) const
{
    return code <= kMaxCode ? by_code_[code] : nullptr;
}

const Message *Catalogue::message(std::string_view name) const
{
    for (const Message &m : messages_)
        if (m.name == name)
            return &m;
    return nullptr;
}

std::string Catalogue::render(std::string_view name, std::string_view lang,
                              const std::vector<std::pair<std::string_view, std::string>> &values) const
{
    const Message *m = message(name);
    const std::string *tmpl = m ? m->get(lang) : nullptr;
    return tmpl ? expand(*tmpl, values) : std::string();
}

void Catalogue::render_expert_texts(Entry &e) const
{
    for (TextVariant &t : e.texts) {
        const std::vector<std::pair<std::string_view, std::string>> values = {
            {"code", std::to_string(e.code)},
            {"reason", e.reason.empty() ? render("unregistered-reason", t.lang, {}) : e.reason},
            {"summary", t.summary},
            {"remedy", t.remedy},
            {"rfc", e.rfc},
        };
        t.expert = render("expert", t.lang, values);
        t.expert_with_remedy = render("expert-with-remedy", t.lang, values);
        auto lines = [](const std::string &text) {
            return text.size() > kTreeLineBytes ? wrap_text(text, kTreeLineBytes) : std::vector<std::string>{};
        };
        t.explanation_lines = lines(t.explanation);
        t.remedy_lines = lines(t.remedy);
    }
}

// An entry for an unregistered code in 100..699: the fallback's text, introduced
// by the catalogue's "unknown-code" messages.
const Entry *Catalogue::derived(unsigned code) const
{
    if (!code_in_range(code))
        return nullptr;
    if (derived_[code])
        return derived_[code].get();
    const Entry *fb = find(fallback_code(code));
    if (!fb)
        return nullptr;
    auto e = std::make_unique<Entry>();
    e->code = code;
    e->status = EntryStatus::Current;
    e->rfc = "RFC 3261 §8.1.3.2";
    e->file = fb->file;
    e->line = fb->line;
    for (const TextVariant &ft : fb->texts) {
        const std::vector<std::pair<std::string_view, std::string>> values = {
            {"code", std::to_string(code)},
            {"fallback", std::to_string(fb->code)},
            {"fallback_reason", fb->reason},
            {"fallback_summary", ft.summary},
            {"fallback_explanation", ft.explanation},
            {"fallback_remedy", ft.remedy},
        };
        TextVariant t;
        t.lang = ft.lang;
        t.method = ft.method;
        t.summary = render("unknown-code-summary", ft.lang, values);
        t.explanation = render("unknown-code-explanation", ft.lang, values);
        t.remedy = render("unknown-code-remedy", ft.lang, values);
        e->texts.push_back(std::move(t));
    }
    render_expert_texts(*e);
    derived_[code] = std::move(e);
    return derived_[code].get();
}

Annotation Catalogue::annotate(unsigned code, std::string_view lang, std::string_view method) const
{
    Annotation a;
    a.code = code;
    a.cls = class_of(code);
    a.entry = find(code);
    a.known = a.entry != nullptr;
    if (!a.entry)
        a.entry = derived(code);
    if (a.entry)
        a.text = a.entry->text(lang, method);
    if (!a.text)
        a.entry = nullptr;
    return a;
}

}  // namespace sipcat
