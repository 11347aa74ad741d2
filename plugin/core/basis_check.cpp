#include "basis_check.h"

#include <algorithm>
#include <map>
#include <memory>

#include "rfc_text.h"

namespace sipcat {

namespace {

// Up to `n` bytes from `at`, not cutting a UTF-8 sequence.
std::string excerpt(std::string_view s, size_t at, size_t n)
{
    if (at >= s.size())
        return "";
    size_t end = std::min(s.size(), at + n);
    while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        ++end;
    return std::string(s.substr(at, end - at));
}

class Checker {
public:
    Checker(const RfcLoader &load, BasisReport &r) : load_(load), r_(r) {}

    void check(const Basis &b, const std::string &owner)
    {
        if (!load_)
            return;
        const rfc::Document *doc = document(b.rfc);
        const std::string cite = "RFC " + std::to_string(b.rfc) + " \xC2\xA7" + b.section.str();
        if (!doc) {
            r_.unverified.push_back(CatalogueError{b.file.str(), b.line, owner,
                                                   cite + " not verified (rfc" + std::to_string(b.rfc) +
                                                       ".txt not at hand)"});
            return;
        }
        const rfc::Section *sec = doc->section(b.section);
        if (!sec) {
            error(b, owner, cite + " does not exist (no such heading in rfc" + std::to_string(b.rfc) + ".txt)");
            return;
        }
        const std::string quote = rfc::fold(b.quote);
        const std::string_view text = doc->text_of(*sec);
        if (text.find(quote) != std::string_view::npos) {
            ++r_.verified;
            return;
        }
        const size_t elsewhere = doc->text().find(quote);
        if (elsewhere != std::string::npos) {
            const rfc::Section *in = doc->section_at(elsewhere);
            error(b, owner, "the quote is not in " + cite + " but in " +
                                (in ? "\xC2\xA7" + in->id : std::string("the front matter")) + " of RFC " +
                                std::to_string(b.rfc));
            return;
        }
        // The longest start of the quote that the section has: shows where it differs.
        size_t lo = 0, hi = quote.size();
        while (lo < hi) {
            const size_t mid = (lo + hi + 1) / 2;
            if (text.find(std::string_view(quote).substr(0, mid)) != std::string_view::npos)
                lo = mid;
            else
                hi = mid - 1;
        }
        std::string msg = "quote not found in " + cite;
        if (lo >= 8) {
            const size_t at = text.find(std::string_view(quote).substr(0, lo)) + lo;
            msg += "; it matches up to \"" + excerpt(quote, lo >= 30 ? lo - 30 : 0, lo >= 30 ? 30 : lo) +
                   "\", then the quote has \"" + excerpt(quote, lo, 30) + "\" where the RFC has \"" +
                   excerpt(text, at, 30) + "\"";
        }
        error(b, owner, msg);
    }

    void finish()
    {
        for (const auto &[number, doc] : docs_)
            (doc ? r_.rfcs_read : r_.rfcs_not_at_hand).push_back(number);
    }

private:
    const rfc::Document *document(unsigned number)
    {
        auto it = docs_.find(number);
        if (it == docs_.end()) {
            std::string raw;
            std::unique_ptr<rfc::Document> doc;
            if (load_(number, raw))
                doc = std::make_unique<rfc::Document>(raw);
            it = docs_.emplace(number, std::move(doc)).first;
        }
        return it->second.get();
    }

    void error(const Basis &b, const std::string &owner, std::string msg)
    {
        r_.errors.push_back(CatalogueError{b.file.str(), b.line, owner, std::move(msg)});
    }

    const RfcLoader &load_;
    BasisReport &r_;
    std::map<unsigned, std::unique_ptr<rfc::Document>> docs_;
};

}  // namespace

BasisReport check_basis(const Catalogue &cat, const RfcLoader &load)
{
    BasisReport r;
    Checker checker(load, r);
    auto missing = [&](Text file, int line, const std::string &owner, const std::string &what) {
        r.missing.push_back(CatalogueError{file.str(), line, owner, what});
    };
    for (const Entry &entry : cat.entries()) {
        const Entry *e = &entry;
        const std::string owner = "[" + std::to_string(e->code) + "]";
        ++r.entries;
        bool general = false;
        for (const Basis &b : e->basis) {
            checker.check(b, owner);
            general = general || b.method.empty();
        }
        if (!general) {
            ++r.entries_without;
            missing(e->file, e->line, owner, "no basis line");
        }
        std::vector<std::string_view> methods;
        for (const TextVariant &t : e->texts)
            if (!t.method.empty() && std::find(methods.begin(), methods.end(), t.method.view()) == methods.end())
                methods.push_back(t.method);
        for (const std::string_view m : methods) {
            ++r.variants;
            const bool has = std::any_of(e->basis.begin(), e->basis.end(), [&](const Basis &b) { return b.method == m; });
            if (!has) {
                ++r.variants_without;
                missing(e->file, e->line, owner, "no basis@" + std::string(m) + " line");
            }
        }
    }
    for (const WarnCode &w : cat.warnings()) {
        const std::string owner = "[warning " + std::to_string(w.code) + "]";
        ++r.warn_codes;
        for (const Basis &b : w.basis)
            checker.check(b, owner);
        if (w.basis.empty()) {
            ++r.warn_codes_without;
            missing(w.file, w.line, owner, "no basis line");
        }
    }
    for (const Message &m : cat.data().messages)
        for (const Basis &b : m.basis)
            checker.check(b, "[message " + m.name.str() + "]");
    for (const Basis &b : cat.q850_basis())
        checker.check(b, "[q850 mapping]");
    r.q850_mapping = !cat.q850_basis().empty();
    for (const Q850Cause &c : cat.q850_causes()) {
        const std::string owner = "[q850 " + std::to_string(c.cause) + "]";
        for (const Basis &b : c.basis)
            checker.check(b, owner);
        if (c.sip == 500)
            continue;
        ++r.q850_departing;
        if (c.basis.empty()) {
            ++r.q850_departing_without;
            missing(c.file, c.line, owner, "no basis line for a mapping other than the default 500");
        }
    }
    if (!r.q850_mapping && !cat.q850_causes().empty())
        missing(cat.q850_causes().front().file, 0, "", "no [q850 mapping] section with a basis line");
    checker.finish();
    return r;
}

std::string BasisReport::summary() const
{
    std::string s = "basis: " + std::to_string(verified) + " quote(s) verified in " + std::to_string(rfcs_read.size()) +
                    " RFC(s)";
    if (!unverified.empty()) {
        s += "; " + std::to_string(unverified.size()) + " NOT verified: their RFC's text is not at hand (RFC";
        for (size_t i = 0; i < rfcs_not_at_hand.size(); ++i)
            s += (i ? ", " : " ") + std::to_string(rfcs_not_at_hand[i]);
        s += "):";
        for (const CatalogueError &u : unverified)
            s += "\n  " + u.str();
    }
    s += "\nbasis still missing: " + std::to_string(entries_without) + " of " + std::to_string(entries) +
         " entries, " + std::to_string(variants_without) + " of " + std::to_string(variants) +
         " method variants, " + std::to_string(warn_codes_without) + " of " + std::to_string(warn_codes) +
         " warn-codes, " + std::to_string(q850_departing_without) + " of " + std::to_string(q850_departing) +
         " Q.850 causes mapped to other than 500, " + (q850_mapping ? "[q850 mapping] has one" : "[q850 mapping] none");
    return s;
}

}  // namespace sipcat
