// User overrides of the catalogue: rows of a table (Wireshark's UAT
// `sipcat_overrides`) that replace an entry's explanation, remedy or severity,
// field by field, or explain a code the registry does not have. Plain C++:
// the Wireshark layer hands over the cells as typed and shows the problems.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "catalogue.h"

namespace sipcat {

// Severity of the `sipcat.response` expert item. Unset = keep what the class gives.
enum class Severity : uint8_t { Unset, Off, Chat, Note, Warning, Error };

// "chat", "note", "warning" (or "warn"), "error", "off", any case; nullopt otherwise.
std::optional<Severity> parse_severity(std::string_view s);

// One row as typed: code, method, language, explanation, remedy, severity.
struct OverrideRow {
    std::string code, method, lang, explanation, remedy, severity;
};

// A row that passed the checks.
struct Override {
    unsigned code = 0;
    std::string method;  // "" = any; upper case
    std::string lang;    // "" = any
    std::string explanation, remedy;  // "" = keep the built-in text
    Severity severity = Severity::Unset;
    size_t row = 0;      // 1-based position in the table
};

// Limits of a row: a cell longer than this is a pasting accident, not a remedy.
constexpr size_t kMaxOverrideText = 1000;

// Checks one row (1-based `row` for the message). Returns the row, or sets
// `problem` to a sentence naming the cell and what is wrong with it.
std::optional<Override> check_override_row(const OverrideRow &in, size_t row,
                                           const std::vector<std::string> &languages, std::string *problem);

// What a response shows after the overrides: the built-in text or a merged one.
struct Resolved {
    const TextVariant *text = nullptr;
    bool user = false;          // some user row changed the text or the severity
    Severity severity = Severity::Unset;
};

class Overrides {
public:
    // Replaces all rows. Refused rows are skipped; each gives one message
    // "row N (code "X"): problem; row ignored". Later rows win over earlier
    // rows with the same code, method and language.
    std::vector<std::string> set_rows(const std::vector<OverrideRow> &rows, const std::vector<std::string> &languages);
    void clear();
    bool empty() const { return rows_.empty(); }
    size_t size() const { return rows_.size(); }

    // Applies the rows matching code, language and method to annotation `a`
    // (from Catalogue::annotate). Most specific first: code+method+language,
    // code+method, code+language, code; each field comes from the most
    // specific row that sets it, else from the built-in text.
    Resolved resolve(const Catalogue &cat, const Annotation &a, std::string_view lang, std::string_view method) const;

private:
    const TextVariant *merged(const Catalogue &cat, const Annotation &a, const Override *explanation,
                              const Override *remedy) const;

    std::vector<Override> rows_;
    std::unordered_map<unsigned, std::vector<size_t>> by_code_;  // indices into rows_, in table order
    // A merged text and the strings it points at.
    struct Merged {
        TextVariant text;
        TextStore store;
    };
    // Merged texts, built on first use; keyed by built-in text and the rows used.
    mutable std::map<std::tuple<const TextVariant *, const Override *, const Override *>, std::unique_ptr<Merged>>
        merged_;
};

// Which of a table's problems to tell the user: each one once per load of
// the table (a load starts with reset()). Applying the table again without a
// load (after each `-o uat:` row, after an edit) tells only the problems the
// previous application did not have, so that a row fixed and broken again is
// told again.
class ProblemLog {
public:
    std::vector<std::string> to_report(const std::vector<std::string> &current);
    void reset() { last_.clear(); }

private:
    std::set<std::string> last_;
};

}  // namespace sipcat
