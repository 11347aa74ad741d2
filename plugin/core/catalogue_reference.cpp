#include "catalogue_reference.h"

namespace sipcat {

namespace {

std::string anchor(unsigned code) { return "code-" + std::to_string(code); }

void text_block(std::string &out, const Entry &e, const std::string &lang)
{
    const TextVariant *general = e.text(lang, "");
    if (!general || general->lang != lang)
        return;
    out += "**" + lang + "** — " + general->summary + "\n\n";
    out += "- *Explanation:* " + general->explanation + "\n";
    out += "- *Remedy:* " + general->remedy + "\n";
    for (const TextVariant &t : e.texts)
        if (t.lang == lang && !t.method.empty() && t.remedy != general->remedy)
            out += "- *Remedy for " + t.method + ":* " + t.remedy + "\n";
    if (!general->note.empty())
        out += "- *Note:* " + general->note + "\n";
    out += "\n";
}

}  // namespace

std::string render_reference_markdown(const Catalogue &cat)
{
    std::string out = "# SIP response catalogue\n\n"
                      "Generated from `catalogue/responses.cat` by `sipcat-catalogue-check --markdown`; "
                      "the same text the sipcat plugin shows in Wireshark. Languages:";
    for (const std::string &l : cat.languages())
        out += " " + l;
    out += ".\n\n";
    unsigned cls = 0;
    for (const auto &e : cat.entries()) {
        if (class_of(e->code) != cls) {
            cls = class_of(e->code);
            out += "- **" + std::to_string(cls) + "xx " + class_name(cls) + "**:";
        }
        out += " [" + std::to_string(e->code) + "](#" + anchor(e->code) + ")";
        const auto next = &e - &cat.entries().front() + 1;
        if (static_cast<size_t>(next) == cat.entries().size() || class_of(cat.entries()[next]->code) != cls)
            out += "\n";
    }
    out += "\n";
    for (const auto &e : cat.entries()) {
        out += "## <a id=\"" + anchor(e->code) + "\"></a>" + std::to_string(e->code) + " " + e->reason + "\n\n";
        out += "Class " + std::to_string(class_of(e->code)) + " (" + class_name(class_of(e->code)) + "), " +
               status_name(e->status) + "; defined in " + e->rfc + ".";
        if (!e->seen_as.empty()) {
            out += " Also seen as:";
            for (size_t i = 0; i < e->seen_as.size(); ++i)
                out += (i ? ", \"" : " \"") + e->seen_as[i] + "\"";
            out += ".";
        }
        out += "\n\n";
        for (const std::string &lang : cat.languages())
            text_block(out, *e, lang);
    }
    return out;
}

}  // namespace sipcat
