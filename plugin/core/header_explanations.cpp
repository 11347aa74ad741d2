#include "header_explanations.h"

namespace sipcat {

unsigned q850_class(unsigned cause)
{
    if (cause < 32)
        return 0;
    return cause > 127 ? 6 : (cause >> 4) - 1;
}

namespace {
std::string q850_class_name(const Catalogue &cat, unsigned cls, std::string_view lang)
{
    switch (cls) {
    case 0: return cat.render(msg::Q850Class0(), lang);
    case 1: return cat.render(msg::Q850Class1(), lang);
    case 2: return cat.render(msg::Q850Class2(), lang);
    case 3: return cat.render(msg::Q850Class3(), lang);
    case 4: return cat.render(msg::Q850Class4(), lang);
    case 5: return cat.render(msg::Q850Class5(), lang);
    default: return cat.render(msg::Q850Class6(), lang);
    }
}
}  // namespace

std::string explain_q850(const Catalogue &cat, unsigned cause, std::string_view lang)
{
    const std::string number = std::to_string(cause);
    const Q850Cause *c = cat.q850(cause);
    if (!c)
        return cat.render(msg::Q850Unknown(number), lang);
    const std::string cls = q850_class_name(cat, q850_class(cause), lang);
    const Text *name = c->name(lang);
    const std::string_view shown = name ? name->view() : std::string_view();
    if (c->sip == 0)
        return cat.render(msg::Q850ExplanationNone(number, shown, cls), lang);
    const Entry *e = cat.find(c->sip);
    std::string out =
        cat.render(msg::Q850Explanation(number, shown, cls, std::to_string(c->sip), e ? e->reason.view() : ""), lang);
    if (c->sip_also) {
        const Entry *also = cat.find(c->sip_also);
        const Text *when = c->also_when(lang);
        out += " " + cat.render(msg::Q850Also(std::to_string(c->sip_also), also ? also->reason.view() : "",
                                              when ? when->view() : ""),
                                lang);
    }
    return out;
}

std::string explain_reason_sip(const Catalogue &cat, unsigned code, std::string_view lang)
{
    const Annotation a = cat.annotate(code, lang, "");
    const std::string reason = a.known ? a.entry->reason.str() : cat.render(msg::UnregisteredReason(), lang);
    return cat.render(msg::ReasonSip(std::to_string(code), reason, a.text ? a.text->summary.view() : ""), lang);
}

std::string explain_warning(const Catalogue &cat, unsigned code, std::string_view lang)
{
    const WarnCode *w = cat.warning(code);
    const Text *text = w ? w->explanation(lang) : nullptr;
    return text ? text->str() : cat.render(msg::WarningUnknown(std::to_string(code)), lang);
}

}  // namespace sipcat
