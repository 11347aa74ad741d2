#include "header_explanations.h"

namespace sipcat {

unsigned q850_class(unsigned cause)
{
    if (cause < 32)
        return 0;
    return cause > 127 ? 6 : (cause >> 4) - 1;
}

std::string explain_q850(const Catalogue &cat, unsigned cause, std::string_view lang)
{
    const Q850Cause *c = cat.q850(cause);
    if (!c)
        return cat.render("q850-unknown", lang, {{"cause", std::to_string(cause)}});
    const std::string cls = cat.render("q850-class-" + std::to_string(q850_class(cause)), lang, {});
    const std::string *name = c->name(lang);
    if (c->sip == 0)
        return cat.render("q850-explanation-none", lang,
                          {{"cause", std::to_string(cause)}, {"name", name ? *name : ""}, {"class", cls}});
    const Entry *e = cat.find(c->sip);
    return cat.render("q850-explanation", lang,
                      {{"cause", std::to_string(cause)},
                       {"name", name ? *name : ""},
                       {"class", cls},
                       {"sip", std::to_string(c->sip)},
                       {"sip_reason", e ? e->reason : ""}});
}

std::string explain_reason_sip(const Catalogue &cat, unsigned code, std::string_view lang)
{
    const Annotation a = cat.annotate(code, lang, "");
    return cat.render("reason-sip", lang,
                      {{"cause", std::to_string(code)},
                       {"reason", a.known ? a.entry->reason : cat.render("unregistered-reason", lang, {})},
                       {"summary", a.text ? a.text->summary : ""}});
}

std::string explain_warning(const Catalogue &cat, unsigned code, std::string_view lang)
{
    const WarnCode *w = cat.warning(code);
    const std::string *text = w ? w->explanation(lang) : nullptr;
    return text ? *text : cat.render("warning-unknown", lang, {{"code", std::to_string(code)}});
}

}  // namespace sipcat
