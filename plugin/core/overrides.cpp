#include "overrides.h"

#include <algorithm>
#include <cctype>

#include "text_rules.h"
#include "text_wrap.h"

namespace sipcat {

namespace {

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// A short, printable rendering of what the user typed, for messages.
std::string shown(std::string_view s)
{
    std::string out;
    for (unsigned char c : s.substr(0, 24))
        out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
    if (s.size() > 24)
        out += "...";
    return out;
}

// Problems with a text cell, or "".
std::string text_problem(const char *name, const std::string &text)
{
    if (text.size() > kMaxOverrideText)
        return std::string(name) + " is " + std::to_string(text.size()) + " bytes long; at most " +
               std::to_string(kMaxOverrideText) + " are allowed";
    if (!is_valid_utf8(text))
        return std::string(name) + " is not valid UTF-8";
    for (unsigned char c : text)
        if (c < 0x20 || c == 0x7F)
            return std::string(name) + " contains a control character (line break or tab)";
    return {};
}

}  // namespace

std::optional<Severity> parse_severity(std::string_view s)
{
    const std::string l = lower(std::string(trim(s)));
    if (l == "chat") return Severity::Chat;
    if (l == "note") return Severity::Note;
    if (l == "warning" || l == "warn") return Severity::Warning;
    if (l == "error") return Severity::Error;
    if (l == "off") return Severity::Off;
    return std::nullopt;
}

std::optional<Override> check_override_row(const OverrideRow &in, size_t row,
                                           const std::vector<std::string> &languages, std::string *problem)
{
    const std::string code(trim(in.code)), method(trim(in.method)), lang = lower(std::string(trim(in.lang)));
    const std::string explanation(trim(in.explanation)), remedy(trim(in.remedy));
    const std::string severity(trim(in.severity));
    auto refuse = [&](const std::string &why) -> std::optional<Override> {
        if (problem)
            *problem = "row " + std::to_string(row) + (code.empty() ? std::string() : " (code \"" + shown(code) + "\")") +
                       ": " + why + "; row ignored";
        return std::nullopt;
    };
    if (code.empty() && method.empty() && lang.empty() && explanation.empty() && remedy.empty() && severity.empty())
        return refuse("the row is empty");
    if (code.empty())
        return refuse("the code is missing");
    if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        !code_in_range(static_cast<unsigned>(std::stoul(code))))
        return refuse("the code must be a number from 100 to 699");
    Override o;
    o.code = static_cast<unsigned>(std::stoul(code));
    o.row = row;
    if (!method.empty()) {
        // Typed in any case; CSeq has it in upper case.
        o.method = method;
        for (char &c : o.method)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!is_valid_method_token(o.method))
            return refuse("the method \"" + shown(method) + "\" is not a SIP method name");
    }
    if (!lang.empty()) {
        if (std::find(languages.begin(), languages.end(), lang) == languages.end()) {
            std::string known;
            for (const std::string &l : languages)
                known += (known.empty() ? "" : ", ") + l;
            return refuse("unknown language \"" + shown(lang) + "\" (the catalogue has " + known +
                          "; leave it empty for all)");
        }
        o.lang = lang;
    }
    for (const auto &[name, text] : {std::pair<const char *, const std::string &>{"the explanation", explanation},
                                     {"the remedy", remedy}}) {
        const std::string p = text_problem(name, text);
        if (!p.empty())
            return refuse(p);
    }
    o.explanation = explanation;
    o.remedy = remedy;
    if (!severity.empty()) {
        const std::optional<Severity> s = parse_severity(severity);
        if (!s)
            return refuse("unknown severity \"" + shown(severity) + "\" (chat, note, warning, error or off)");
        o.severity = *s;
    }
    if (o.explanation.empty() && o.remedy.empty() && o.severity == Severity::Unset)
        return refuse("nothing to override: give an explanation, a remedy or a severity");
    return o;
}

void Overrides::clear()
{
    rows_.clear();
    by_code_.clear();
    merged_.clear();
}

std::vector<std::string> Overrides::set_rows(const std::vector<OverrideRow> &rows, const std::vector<std::string> &languages)
{
    clear();
    std::vector<std::string> problems;
    for (size_t i = 0; i < rows.size(); ++i) {
        std::string problem;
        if (std::optional<Override> o = check_override_row(rows[i], i + 1, languages, &problem))
            rows_.push_back(std::move(*o));
        else
            problems.push_back(std::move(problem));
    }
    for (size_t i = 0; i < rows_.size(); ++i)
        by_code_[rows_[i].code].push_back(i);
    return problems;
}

Resolved Overrides::resolve(const Catalogue &cat, const Annotation &a, std::string_view lang, std::string_view method) const
{
    Resolved r;
    r.text = a.text;
    if (!a.entry || !a.text)
        return r;
    const auto it = by_code_.find(a.code);
    if (it == by_code_.end())
        return r;
    // Best row per field: higher specificity wins, then the later row.
    const Override *explanation = nullptr, *remedy = nullptr, *severity = nullptr;
    int best_e = -1, best_r = -1, best_s = -1;
    for (size_t idx : it->second) {
        const Override &o = rows_[idx];
        if (!o.method.empty() && o.method != method)
            continue;
        if (!o.lang.empty() && o.lang != lang)
            continue;
        const int score = (o.method.empty() ? 0 : 2) + (o.lang.empty() ? 0 : 1);
        if (!o.explanation.empty() && score >= best_e) { explanation = &o; best_e = score; }
        if (!o.remedy.empty() && score >= best_r) { remedy = &o; best_r = score; }
        if (o.severity != Severity::Unset && score >= best_s) { severity = &o; best_s = score; }
    }
    if (severity) {
        r.severity = severity->severity;
        r.user = true;
    }
    if (explanation || remedy) {
        r.text = merged(cat, a, explanation, remedy);
        r.user = true;
    }
    return r;
}

const TextVariant *Overrides::merged(const Catalogue &cat, const Annotation &a, const Override *explanation,
                                     const Override *remedy) const
{
    auto &slot = merged_[{a.text, explanation, remedy}];
    if (slot)
        return &slot->text;
    auto m = std::make_unique<Merged>();
    TextVariant &t = m->text;
    t = *a.text;
    if (explanation)
        t.explanation = m->store.text(explanation->explanation);
    if (remedy)
        t.remedy = m->store.text(remedy->remedy);
    // The user's own words lead the expert line: that is what they wrote them for.
    std::string own = explanation ? explanation->explanation : std::string();
    if (remedy)
        own += (own.empty() ? "" : " ") + remedy->remedy;
    t.summary = m->store.text(shorten(own, Catalogue::kMaxUserSummaryBytes));
    const std::string reason = a.known ? a.entry->reason.str() : cat.render(msg::UnregisteredReason(), t.lang);
    const std::string code = std::to_string(a.code);
    t.expert = m->store.text(cat.render(msg::ExpertUser(code, reason, t.summary, t.remedy), t.lang));
    // A user remedy is in the summary already; otherwise append the built-in one.
    t.expert_with_remedy =
        remedy ? t.expert
               : m->store.text(cat.render(msg::ExpertWithRemedy(code, reason, t.summary, t.remedy, a.entry->rfc), t.lang));
    t.explanation_lines = Catalogue::tree_lines(t.explanation, m->store);
    t.remedy_lines = Catalogue::tree_lines(t.remedy, m->store);
    slot = std::move(m);
    return &slot->text;
}

std::vector<std::string> ProblemLog::to_report(const std::vector<std::string> &current)
{
    std::vector<std::string> fresh;
    for (const std::string &p : current)
        if (!last_.count(p))
            fresh.push_back(p);
    last_ = std::set<std::string>(current.begin(), current.end());
    return fresh;
}

}  // namespace sipcat
