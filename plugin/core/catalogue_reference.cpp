#include "catalogue_reference.h"

#include <algorithm>

#include "labels.h"

namespace sipcat {

namespace {

std::string anchor(unsigned code) { return "code-" + std::to_string(code); }

// Quotes are shown as the RFC has them: one line, in a blockquote-free bullet;
// a quote whose RFC was not at hand for the check says so after it.
void basis_list(std::string &out, Array<Basis> basis, const Catalogue &cat, const BasisCheckResult &check)
{
    if (basis.empty())
        return;
    const std::string lang = Catalogue::kDefaultLang;
    out += "*" + cat.text(MessageId::LabelBasis, lang) + ":*\n\n";
    for (const Basis &b : basis) {
        out += "- " + basis_citation(b);
        if (!b.method.empty())
            out += " (" + cat.render(msg::RefForMethod(b.method), lang) + ")";
        out += ": \"" + b.quote.str() + "\"";
        const auto &missing = check.not_at_hand;
        if (check.checked && std::find(missing.begin(), missing.end(), b.rfc) != missing.end())
            out += " *" + cat.render(msg::RefUnverified("RFC " + std::to_string(b.rfc)), lang) + "*";
        out += "\n";
    }
    out += "\n";
}

// One language's texts of an entry, labelled in that language; method
// variants show the fields that differ from the general text.
void text_block(std::string &out, const Catalogue &cat, const Entry &e, const std::string &lang)
{
    const TextVariant *general = e.text(lang, "");
    if (!general || general->lang != lang)
        return;
    auto label = [&](MessageId id) { return cat.text(id, lang); };
    out += "**" + lang + "** — " + general->summary.str() + "\n\n";
    out += "- " +
           cat.render(msg::RefEntry(std::to_string(class_of(e.code)), class_label(cat, class_of(e.code), lang),
                                    cat.text(status_message(e.status), lang), e.rfc),
                      lang) +
           "\n";
    out += "- *" + label(MessageId::LabelExplanation) + ":* " + general->explanation.str() + "\n";
    out += "- *" + label(MessageId::LabelRemedy) + ":* " + general->remedy.str() + "\n";
    if (!general->note.empty())
        out += "- *" + label(MessageId::LabelNote) + ":* " + general->note.str() + "\n";
    for (const TextVariant &t : e.texts) {
        if (t.lang != lang || t.method.empty())
            continue;
        const std::string for_method = " " + cat.render(msg::RefForMethod(t.method), lang);
        const std::pair<MessageId, Text TextVariant::*> fields[] = {
            {MessageId::LabelSummary, &TextVariant::summary},
            {MessageId::LabelExplanation, &TextVariant::explanation},
            {MessageId::LabelRemedy, &TextVariant::remedy},
            {MessageId::LabelNote, &TextVariant::note},
        };
        for (const auto &[id, field] : fields)
            if (t.*field != general->*field && !(t.*field).empty())
                out += "- *" + label(id) + for_method + ":* " + (t.*field).str() + "\n";
    }
    out += "\n";
}

}  // namespace

std::string render_reference_markdown(const Catalogue &cat, const BasisCheckResult &check)
{
    const std::string en = Catalogue::kDefaultLang;
    std::string out = "# SIP response catalogue\n\n"
                      "Generated from `catalogue/*.cat` by `sipcat-catalogue-check --markdown`; "
                      "the same text the sipcat plugin shows in Wireshark, with the RFC text each entry rests on "
                      "(checked against the RFC at build time). Languages:";
    for (const std::string &l : cat.languages())
        out += " " + l;
    out += ".\n\n";
    if (!check.checked)
        out += "*" + cat.text(MessageId::RefNotChecked, en) + "*\n\n";
    unsigned cls = 0;
    const Array<Entry> entries = cat.entries();
    for (size_t i = 0; i < entries.size(); ++i) {
        const Entry &e = entries[i];
        if (class_of(e.code) != cls) {
            cls = class_of(e.code);
            out += "- **" + std::to_string(cls) + "xx " + class_label(cat, cls, en) + "**:";
        }
        out += " [" + std::to_string(e.code) + "](#" + anchor(e.code) + ")";
        if (i + 1 == entries.size() || class_of(entries[i + 1].code) != cls)
            out += "\n";
    }
    if (!cat.warnings().empty())
        out += "- [Warning codes](#warn-codes)\n";
    if (!cat.q850_causes().empty())
        out += "- [Q.850 causes](#q850-causes)\n";
    out += "\n";
    for (const Entry &e : entries) {
        out += "## <a id=\"" + anchor(e.code) + "\"></a>" + std::to_string(e.code) + " " + e.reason.str() + "\n\n";
        if (!e.seen_as.empty()) {
            out += "Also seen as:";
            for (size_t i = 0; i < e.seen_as.size(); ++i)
                out += (i ? ", \"" : " \"") + e.seen_as[i].str() + "\"";
            out += ".\n\n";
        }
        basis_list(out, e.basis, cat, check);
        for (const std::string &lang : cat.languages())
            text_block(out, cat, e, lang);
    }
    if (!cat.warnings().empty()) {
        out += "## <a id=\"warn-codes\"></a>Warning codes\n\n";
        for (const WarnCode &w : cat.warnings()) {
            out += "### " + std::to_string(w.code) + " " + w.text.str() + "\n\n" + "Defined in " + w.rfc.str() +
                   ".\n\n";
            basis_list(out, w.basis, cat, check);
            for (const std::string &lang : cat.languages())
                if (const Text *t = w.explanation(lang))
                    out += "- **" + lang + "** " + t->str() + "\n";
            out += "\n";
        }
    }
    if (!cat.q850_causes().empty()) {
        out += "## <a id=\"q850-causes\"></a>Q.850 causes\n\n";
        basis_list(out, cat.q850_basis(), cat, check);
        out += "| cause | SIP | names |\n|---|---|---|\n";
        for (const Q850Cause &c : cat.q850_causes()) {
            out += "| " + std::to_string(c.cause) + " | " + (c.sip ? std::to_string(c.sip) : std::string("none")) +
                   (c.sip_also ? " or " + std::to_string(c.sip_also) : std::string()) + " | ";
            for (size_t i = 0; i < c.names.size(); ++i)
                out += (i ? "; " : "") + c.names[i].lang.str() + ": " + c.names[i].text.str();
            out += " |\n";
        }
        out += "\n";
        for (const Q850Cause &c : cat.q850_causes()) {
            if (c.basis.empty())
                continue;
            out += "### Q.850 " + std::to_string(c.cause) + "\n\n";
            if (c.sip_also) {
                const Entry *also = cat.find(c.sip_also);
                for (const std::string &lang : cat.languages())
                    if (const Text *when = c.also_when(lang))
                        out += "- **" + lang + "** " +
                               cat.render(msg::Q850Also(std::to_string(c.sip_also), also ? also->reason.view() : "",
                                                        when->view()),
                                          lang) +
                               "\n";
                out += "\n";
            }
            basis_list(out, c.basis, cat, check);
        }
    }
    return out;
}

}  // namespace sipcat
