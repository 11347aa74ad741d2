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
const Text *in_lang(Array<LangText> v, std::string_view lang)
{
    const Text *dflt = nullptr;
    for (const LangText &t : v) {
        if (t.lang == lang)
            return &t.text;
        if (t.lang == Catalogue::kDefaultLang)
            dflt = &t.text;
    }
    return dflt;
}
}  // namespace

const MessageText *Message::get(std::string_view lang, PluralForm form) const
{
    const MessageText *dflt = nullptr;
    for (const MessageText &t : texts) {
        if (t.form != form)
            continue;
        if (t.lang == lang)
            return &t;
        if (t.lang == Catalogue::kDefaultLang)
            dflt = &t;
    }
    return dflt;
}
const Text *Q850Cause::name(std::string_view lang) const { return in_lang(names, lang); }
const Text *Q850Cause::also_when(std::string_view lang) const { return in_lang(sip_also_when, lang); }
const Text *WarnCode::explanation(std::string_view lang) const { return in_lang(explanations, lang); }

// An entry made at run time for an unregistered code, with its strings.
struct Catalogue::Derived {
    Entry entry;
    TextStore store;
};

Catalogue::Catalogue(const CatalogueData &data, std::shared_ptr<const void> storage)
    : data_(data), storage_(std::move(storage))
{
    for (const Entry &e : data_.entries)
        if (e.code <= kMaxCode)
            by_code_[e.code] = &e;
    for (const Message &m : data_.messages)
        if (static_cast<size_t>(m.id) < kMessageCount)
            by_id_[static_cast<size_t>(m.id)] = &m;
}

Catalogue::~Catalogue() = default;

std::vector<std::string> Catalogue::languages() const
{
    std::vector<std::string> out;
    for (const Text &l : data_.languages)
        out.push_back(l.str());
    return out;
}

const Q850Cause *Catalogue::q850(unsigned cause) const
{
    for (const Q850Cause &c : data_.q850)
        if (c.cause == cause)
            return &c;
    return nullptr;
}

const WarnCode *Catalogue::warning(unsigned code) const
{
    for (const WarnCode &w : data_.warnings)
        if (w.code == code)
            return &w;
    return nullptr;
}

std::string expand(std::string_view tmpl, const MessageSpec &spec, std::string_view lang, const MessageValue *values,
                   size_t count)
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
        const int k = spec.find(tmpl.substr(open + 1, close - open - 1));
        if (k < 0 || static_cast<size_t>(k) >= count) {
            out.append(tmpl.substr(open, close - open + 1));
        } else {
            const MessageValue &v = values[k];
            std::string nth;
            if (v.kind == PlaceholderKind::Text)
                out.append(v.text);
            else if (v.kind == PlaceholderKind::Ordinal && ordinal(lang, v.number, nth))
                out.append(nth);
            else
                out.append(std::to_string(v.number));
        }
        i = close + 1;
    }
    return out;
}

const Entry *Catalogue::find(unsigned code) const
{
    return code <= kMaxCode ? by_code_[code] : nullptr;
}

const Message *Catalogue::message(MessageId id) const
{
    return static_cast<size_t>(id) < kMessageCount ? by_id_[static_cast<size_t>(id)] : nullptr;
}

std::string Catalogue::render(MessageId id, std::string_view lang, const MessageValue *values, size_t count) const
{
    const Message *m = message(id);
    if (!m)
        return std::string();
    const MessageSpec &spec = message_spec(id);
    const int ci = spec.count_index();
    const MessageText *t = nullptr;
    if (ci >= 0 && static_cast<size_t>(ci) < count) {
        // The plural rule of the language the text is in (the default one when lang has none).
        const MessageText *other = m->get(lang, PluralForm::Other);
        const std::string_view in = other && other->lang == lang ? lang : std::string_view(kDefaultLang);
        const unsigned long n = values[ci].number;
        PluralForm form;
        if (!plural_form(in, n, form))
            form = n == 1 ? PluralForm::One : PluralForm::Other;
        const MessageText *zero = n == 0 ? m->get(in, PluralForm::Zero) : nullptr;  // optional: "no challenge"
        t = zero && zero->lang == in ? zero : m->get(in, form);
    } else {
        t = m->get(lang, PluralForm::Any);
    }
    // The text's own language writes the numbers: an English fallback says "3rd".
    return t ? expand(t->text, spec, t->lang, values, count) : std::string();
}

void Catalogue::finish_text(TextVariant &t, unsigned code, Text reason, Text rfc, TextStore &store) const
{
    const std::string number = std::to_string(code);
    const std::string phrase = reason.empty() ? render(msg::UnregisteredReason(), t.lang) : reason.str();
    t.expert = store.text(render(msg::Expert(number, phrase, t.summary, t.remedy, rfc), t.lang));
    t.expert_with_remedy = store.text(render(msg::ExpertWithRemedy(number, phrase, t.summary, t.remedy, rfc), t.lang));
    t.explanation_lines = tree_lines(t.explanation, store);
    t.remedy_lines = tree_lines(t.remedy, store);
}

Array<Text> Catalogue::tree_lines(Text text, TextStore &store)
{
    return text.size() > kTreeLineBytes ? store.texts(wrap_text(text, kTreeLineBytes)) : Array<Text>{};
}

std::string basis_citation(const Basis &b)
{
    return "RFC " + std::to_string(b.rfc) + " \xC2\xA7" + b.section.str();
}

void Catalogue::finish_basis(TextVariant &t, Array<Basis> basis, TextStore &store) const
{
    const Basis *first = nullptr;
    for (const Basis &b : basis)
        if (!first && !t.method.empty() && b.method == t.method)
            first = &b;
    for (const Basis &b : basis)
        if (!first && b.method.empty())
            first = &b;
    if (!first)
        return;
    t.basis = store.text(render(msg::BasisLine(first->quote, basis_citation(*first)), t.lang));
    t.basis_lines = tree_lines(t.basis, store);
}

// An entry for an unregistered code in 100..699: the fallback's text, introduced
// by the catalogue's "unknown-code" messages.
const Entry *Catalogue::derived(unsigned code) const
{
    if (!code_in_range(code))
        return nullptr;
    if (derived_[code])
        return &derived_[code]->entry;
    const Entry *fb = find(fallback_code(code));
    if (!fb)
        return nullptr;
    auto d = std::make_unique<Derived>();
    Entry &e = d->entry;
    e.code = code;
    e.status = EntryStatus::Current;
    e.rfc = d->store.text("RFC 3261 \xC2\xA7" "8.1.3.2");
    e.file = fb->file;
    e.line = fb->line;
    std::vector<TextVariant> texts;
    for (const TextVariant &ft : fb->texts) {
        const std::string number = std::to_string(code), fallback = std::to_string(fb->code);
        TextVariant t;
        t.lang = ft.lang;
        t.method = ft.method;
        t.summary = d->store.text(
            render(msg::UnknownCodeSummary(number, fallback, fb->reason, ft.summary), ft.lang));
        t.explanation = d->store.text(
            render(msg::UnknownCodeExplanation(number, fallback, fb->reason, ft.explanation), ft.lang));
        t.remedy = d->store.text(render(msg::UnknownCodeRemedy(number, fallback, fb->reason, ft.remedy), ft.lang));
        finish_text(t, code, e.reason, e.rfc, d->store);
        texts.push_back(t);
    }
    e.texts = d->store.keep(std::move(texts));
    derived_[code] = std::move(d);
    return &derived_[code]->entry;
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
