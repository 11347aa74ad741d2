// The response catalogue: one entry per status code, prose per language and,
// where the meaning depends on it, per request method. Built once by
// catalogue_parser.h; read-only afterwards except for the bounded cache of
// entries derived for unregistered codes.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "status_class.h"

namespace sipcat {

enum class EntryStatus { Current, Deprecated, Obsolete };

const char *status_name(EntryStatus s);

// An RFC sentence an entry's claims rest on, quoted verbatim (the build checks
// it against the RFC text, see tools/catalogue_check.cpp).
struct Basis {
    unsigned rfc = 0;     // 3261
    std::string section;  // "21.4.24"
    std::string quote;    // between the value's first and last '"'
    std::string method;   // "" = the entry as a whole; else the variant it backs
    std::string file;
    int line = 0;
};

// The prose for one language and, optionally, one request method.
struct TextVariant {
    std::string lang;    // "en", "de", ...
    std::string method;  // "" = any method
    std::string summary;  // one line: what it means and what to do (fits an expert line)
    std::string explanation;
    std::string remedy;
    std::string note;     // optional: corrections of common misreadings
    // Expert-info texts, rendered once from the catalogue's templates.
    std::string expert;              // code, phrase, summary, RFC
    std::string expert_with_remedy;  // the same followed by the full remedy
    // Explanation and remedy as lines that fit a tree label; empty when the
    // text fits in one.
    std::vector<std::string> explanation_lines, remedy_lines;
};

struct Entry {
    unsigned code = 0;
    std::string reason;  // registered reason phrase
    EntryStatus status = EntryStatus::Current;
    std::string rfc;     // "RFC 3261 §21.4.24"
    std::vector<std::string> seen_as;  // other phrases met in the wild
    std::vector<TextVariant> texts;
    std::vector<Basis> basis;
    int line = 0;        // where the entry starts in its file
    std::string file;

    // Most specific text: lang+method, lang, default lang+method, default lang.
    const TextVariant *text(std::string_view lang, std::string_view method) const;
};

// A named, per-language text with {placeholders}, e.g. the expert format.
struct Message {
    std::string name;
    std::string file;
    int line = 0;
    std::vector<std::pair<std::string, std::string>> by_lang;  // lang -> template
    const std::string *get(std::string_view lang) const;
};

// A Q.850 cause as carried in a Reason header (RFC 3326).
struct Q850Cause {
    unsigned cause = 0;
    std::vector<std::pair<std::string, std::string>> names;  // lang -> name
    unsigned sip = 500;  // RFC 3398 §7.2.4.1 mapping; 0 = none (the call ends with BYE/CANCEL)
    std::vector<Basis> basis;  // where the mapping departs from the default
    std::string file;
    int line = 0;
    const std::string *name(std::string_view lang) const;
};

// A Warning header code (RFC 3261 §20.43).
struct WarnCode {
    unsigned code = 0;
    std::string text;  // registered warn-text
    std::string rfc;
    std::vector<std::pair<std::string, std::string>> explanations;  // lang -> text
    std::vector<Basis> basis;
    std::string file;
    int line = 0;
    const std::string *explanation(std::string_view lang) const;
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

    const Entry *find(unsigned code) const;  // own entries only
    const std::vector<std::unique_ptr<Entry>> &entries() const { return entries_; }
    const std::vector<std::string> &languages() const { return languages_; }
    const Message *message(std::string_view name) const;
    const Q850Cause *q850(unsigned cause) const;
    const WarnCode *warning(unsigned code) const;
    const std::vector<Q850Cause> &q850_causes() const { return q850_; }
    const std::vector<WarnCode> &warnings() const { return warnings_; }
    // The [q850 mapping] section: what the whole mapping rests on.
    const std::vector<Basis> &q850_basis() const { return q850_basis_; }

    // The annotation for a status code; codes without an entry get one derived
    // from their fallback code (see status_class.h), built on first use.
    Annotation annotate(unsigned code, std::string_view lang, std::string_view method) const;

    // Renders message `name` in `lang` with the given {key} values.
    std::string render(std::string_view name, std::string_view lang,
                       const std::vector<std::pair<std::string_view, std::string>> &values) const;

private:
    friend class CatalogueBuilder;
    const Entry *derived(unsigned code) const;
    void render_expert_texts(Entry &e) const;

    std::vector<std::unique_ptr<Entry>> entries_;    // in file order
    std::array<const Entry *, kMaxCode + 1> by_code_{};
    mutable std::array<std::unique_ptr<Entry>, kMaxCode + 1> derived_{};
    std::vector<Message> messages_;
    std::vector<Q850Cause> q850_;
    std::vector<WarnCode> warnings_;
    std::vector<Basis> q850_basis_;
    std::vector<std::string> languages_;
};

// Replaces {key} in `tmpl` by its value; unknown keys stay as they are.
std::string expand(std::string_view tmpl,
                   const std::vector<std::pair<std::string_view, std::string>> &values);

}  // namespace sipcat
