// The response catalogue: one entry per status code, prose per language and,
// where the meaning depends on it, per request method. The plugin's copy is
// constant tables compiled from catalogue/*.cat at build time (see
// builtin_catalogue.h); catalogue_parser.h builds the same from the text for
// the build tool and the tests. Read-only except for the bounded cache of
// entries derived for unregistered codes.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "messages.h"
#include "status_class.h"

namespace sipcat {

// Text the catalogue points at but does not own: a literal of the compiled
// tables, or a string kept by a TextStore. Always NUL-terminated.
class Text {
public:
    constexpr Text() = default;
    constexpr Text(const char *s, size_t n) : s_(s), n_(n) {}

    constexpr const char *c_str() const { return s_; }
    constexpr const char *data() const { return s_; }
    constexpr size_t size() const { return n_; }
    constexpr bool empty() const { return n_ == 0; }
    constexpr std::string_view view() const { return {s_, n_}; }
    constexpr operator std::string_view() const { return view(); }
    std::string str() const { return std::string(s_, n_); }
    size_t find(std::string_view what, size_t pos = 0) const { return view().find(what, pos); }
    size_t find(char c, size_t pos = 0) const { return view().find(c, pos); }

private:
    const char *s_ = "";
    size_t n_ = 0;
};

inline bool operator==(Text a, Text b) { return a.view() == b.view(); }
inline bool operator==(Text a, std::string_view b) { return a.view() == b; }
inline bool operator==(std::string_view a, Text b) { return a == b.view(); }
inline bool operator==(Text a, const char *b) { return a.view() == b; }
inline bool operator==(const char *a, Text b) { return a == b.view(); }
inline bool operator==(Text a, const std::string &b) { return a.view() == b; }
inline bool operator==(const std::string &a, Text b) { return a == b.view(); }
template <class T> bool operator!=(Text a, const T &b) { return !(a == b); }
template <class T> bool operator!=(const T &a, Text b) { return !(a == b); }
inline bool operator!=(Text a, Text b) { return !(a == b); }
inline std::ostream &operator<<(std::ostream &os, Text t) { return os << t.view(); }
inline std::string operator+(std::string a, Text b) { return a.append(b.data(), b.size()); }
inline std::string operator+(Text a, const std::string &b) { return a.str() + b; }
inline std::string operator+(const char *a, Text b) { return std::string(a).append(b.data(), b.size()); }
inline std::string operator+(Text a, const char *b) { return a.str() + b; }

// A constant array the catalogue points at.
template <class T> struct Array {
    const T *ptr = nullptr;
    size_t n = 0;

    constexpr const T *begin() const { return ptr; }
    constexpr const T *end() const { return ptr + n; }
    constexpr size_t size() const { return n; }
    constexpr bool empty() const { return n == 0; }
    constexpr const T &operator[](size_t i) const { return ptr[i]; }
    constexpr const T &front() const { return ptr[0]; }
};

// Keeps the strings and arrays that Text and Array point at, where they are
// made at run time (parser, derived entries, user overrides).
class TextStore {
public:
    Text text(std::string s)
    {
        strings_.push_back(std::move(s));
        return Text(strings_.back().c_str(), strings_.back().size());
    }
    template <class T> Array<T> keep(std::vector<T> v)
    {
        auto owned = std::make_shared<std::vector<T>>(std::move(v));
        arrays_.push_back(owned);
        return Array<T>{owned->data(), owned->size()};
    }
    Array<Text> texts(const std::vector<std::string> &v)
    {
        std::vector<Text> t;
        for (const std::string &s : v)
            t.push_back(text(s));
        return keep(std::move(t));
    }

private:
    std::deque<std::string> strings_;
    std::vector<std::shared_ptr<const void>> arrays_;
};

enum class EntryStatus { Current, Deprecated, Obsolete };

const char *status_name(EntryStatus s);

// An RFC sentence an entry's claims rest on, quoted verbatim (the build checks
// it against the RFC text, see basis_check.h).
struct Basis {
    unsigned rfc = 0;  // 3261
    Text section;      // "21.4.24"
    Text quote;        // between the value's first and last '"'
    Text method;       // "" = the entry as a whole; else the variant it backs
    Text file;
    int line = 0;
};

// The prose for one language and, optionally, one request method.
struct TextVariant {
    Text lang;     // "en", "de", ...
    Text method;   // "" = any method
    Text summary;  // one line: what it means and what to do (fits an expert line)
    Text explanation;
    Text remedy;
    Text note;  // optional: corrections of common misreadings
    // Expert-info texts, rendered from the catalogue's templates.
    Text expert;              // code, phrase, summary, RFC
    Text expert_with_remedy;  // the same followed by the full remedy
    // Explanation and remedy as lines that fit a tree label; empty when the
    // text fits in one.
    Array<Text> explanation_lines, remedy_lines;
    // The first basis quote for this method (else the entry's first), as the
    // tree shows it under "Defined in"; empty when the entry has none.
    Text basis;
    Array<Text> basis_lines;
};

struct Entry {
    unsigned code = 0;
    Text reason;  // registered reason phrase
    EntryStatus status = EntryStatus::Current;
    Text rfc;     // "RFC 3261 §21.4.24"
    Array<Text> seen_as;  // other phrases met in the wild
    Array<TextVariant> texts;
    Array<Basis> basis;
    int line = 0;  // where the entry starts in its file
    Text file;

    // Most specific text: lang+method, lang, default lang+method, default lang.
    const TextVariant *text(std::string_view lang, std::string_view method) const;
};

struct LangText {
    Text lang;
    Text text;
};

// One text of a message: a language and, for a message with a count, a plural form.
struct MessageText {
    Text lang;
    PluralForm form = PluralForm::Any;
    Text text;  // with {placeholders}
};

// A per-language text with {placeholders}, e.g. the expert format (messages.h lists them).
struct Message {
    MessageId id{};
    Text name;
    Text file;
    int line = 0;
    Array<MessageText> texts;
    Array<Basis> basis;  // findings' texts rest on RFC text too
    // The text for lang and form, else the default language's.
    const MessageText *get(std::string_view lang, PluralForm form) const;
};

// A Q.850 cause as carried in a Reason header (RFC 3326).
struct Q850Cause {
    unsigned cause = 0;
    Array<LangText> names;
    unsigned sip = 500;  // RFC 3398 §7.2.4.1 mapping; 0 = none (the call ends with BYE/CANCEL)
    Array<Basis> basis;   // where the mapping departs from the default
    Text file;
    int line = 0;
    // A second code RFC 3398 gives for the cause (22 with a diagnostic: 301;
    // 21 with cause location user: 603), 0 = none, and when it applies.
    unsigned sip_also = 0;
    Array<LangText> sip_also_when;
    const Text *name(std::string_view lang) const;
    const Text *also_when(std::string_view lang) const;
};

// A Warning header code (RFC 3261 §20.43).
struct WarnCode {
    unsigned code = 0;
    Text text;  // registered warn-text
    Text rfc;
    Array<LangText> explanations;
    Array<Basis> basis;
    Text file;
    int line = 0;
    const Text *explanation(std::string_view lang) const;
};

// Everything a catalogue holds, as constant arrays: the compiled tables or
// what the parser made.
struct CatalogueData {
    Array<Entry> entries;  // in file order
    Array<Message> messages;
    Array<Q850Cause> q850;
    Array<WarnCode> warnings;
    Array<Basis> q850_basis;  // the [q850 mapping] section
    Array<Text> languages;    // the default first
};

// What the plugin shows for one response. Pointers stay valid as long as the
// catalogue lives; none of them is null when `entry` is set.
struct Annotation {
    unsigned code = 0;
    unsigned cls = 0;         // 0 when the code is outside 100..699
    bool known = false;       // the code has its own entry
    const Entry *entry = nullptr;      // own entry or the one derived from its fallback
    const TextVariant *text = nullptr;
};

class Catalogue {
public:
    static constexpr const char *kDefaultLang = "en";
    // Wireshark cuts expert texts at 240 bytes; a summary must leave room for
    // code, phrase and RFC.
    static constexpr size_t kMaxSummaryBytes = 150;
    static constexpr size_t kTreeLineBytes = 110;
    // A user override's summary (its own words) leaves room for code and phrase.
    static constexpr size_t kMaxUserSummaryBytes = 180;

    // `storage` keeps what `data` points at alive (null for the compiled tables).
    explicit Catalogue(const CatalogueData &data, std::shared_ptr<const void> storage = nullptr);
    ~Catalogue();
    Catalogue(const Catalogue &) = delete;
    Catalogue &operator=(const Catalogue &) = delete;

    const CatalogueData &data() const { return data_; }
    const Entry *find(unsigned code) const;  // own entries only
    Array<Entry> entries() const { return data_.entries; }
    std::vector<std::string> languages() const;
    const Message *message(MessageId id) const;
    const Q850Cause *q850(unsigned cause) const;
    const WarnCode *warning(unsigned code) const;
    Array<Q850Cause> q850_causes() const { return data_.q850; }
    Array<WarnCode> warnings() const { return data_.warnings; }
    // The [q850 mapping] section: what the whole mapping rests on.
    Array<Basis> q850_basis() const { return data_.q850_basis; }

    // The annotation for a status code; codes without an entry get one derived
    // from their fallback code (see status_class.h), built on first use.
    Annotation annotate(unsigned code, std::string_view lang, std::string_view method) const;

    // Message `m` (a msg:: type, see messages.h) in `lang`: its plural form
    // chosen by its count, counts and ordinals written for the language.
    template <class M> std::string render(const M &m, std::string_view lang) const
    {
        return render(M::id, lang, m.values.data(), M::kCount);
    }
    std::string render(MessageId id, std::string_view lang, const MessageValue *values, size_t count) const;
    // A message without placeholders (a label, a name) in `lang`.
    std::string text(MessageId id, std::string_view lang) const { return render(id, lang, nullptr, 0); }

    // Sets t.expert, t.expert_with_remedy and the wrapped lines from t's prose,
    // keeping the new strings in `store`. The parser and derived entries use it.
    void finish_text(TextVariant &t, unsigned code, Text reason, Text rfc, TextStore &store) const;
    // `text` as lines that fit a tree label, kept in `store`; none when it fits in one.
    static Array<Text> tree_lines(Text text, TextStore &store);
    // Sets t.basis and t.basis_lines from the entry's basis lines.
    void finish_basis(TextVariant &t, Array<Basis> basis, TextStore &store) const;

private:
    struct Derived;
    const Entry *derived(unsigned code) const;

    CatalogueData data_;
    std::shared_ptr<const void> storage_;
    std::array<const Entry *, kMaxCode + 1> by_code_{};
    std::array<const Message *, kMessageCount> by_id_{};
    mutable std::array<std::unique_ptr<Derived>, kMaxCode + 1> derived_;
};

// "RFC 3261 §21.4.24"
std::string basis_citation(const Basis &b);

// Replaces each {name} of `tmpl` by the value of that placeholder of `spec`,
// writing counts and ordinals for `lang`; a name the spec lacks stays as it is.
std::string expand(std::string_view tmpl, const MessageSpec &spec, std::string_view lang, const MessageValue *values,
                   size_t count);

}  // namespace sipcat
