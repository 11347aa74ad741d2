#include "messages.h"

namespace sipcat {

namespace {

// Each message's placeholders; a message without any gets one unused element.
#define SIPCAT_T_PH(p) Placeholder{#p, PlaceholderKind::Text},
#define SIPCAT_N_PH(p) Placeholder{#p, PlaceholderKind::Count},
#define SIPCAT_O_PH(p) Placeholder{#p, PlaceholderKind::Ordinal},
#define SIPCAT_M_PH(ID, name, what, params) constexpr Placeholder ph_##ID[] = {params Placeholder{}};
SIPCAT_MESSAGES(SIPCAT_M_PH, SIPCAT_T_PH, SIPCAT_N_PH, SIPCAT_O_PH)
#undef SIPCAT_M_PH

#define SIPCAT_M_SPEC(ID, name, what, params) MessageSpec{MessageId::ID, name, what, ph_##ID, msg::ID::kCount},
#define SIPCAT_NONE(p)
constexpr MessageSpec kSpecs[] = {SIPCAT_MESSAGES(SIPCAT_M_SPEC, SIPCAT_NONE, SIPCAT_NONE, SIPCAT_NONE)};
#undef SIPCAT_M_SPEC
#undef SIPCAT_NONE
static_assert(sizeof kSpecs / sizeof kSpecs[0] == kMessageCount);

}  // namespace

int MessageSpec::count_index() const
{
    for (size_t i = 0; i < placeholder_count; ++i)
        if (placeholders[i].kind == PlaceholderKind::Count)
            return static_cast<int>(i);
    return -1;
}

int MessageSpec::find(std::string_view placeholder) const
{
    for (size_t i = 0; i < placeholder_count; ++i)
        if (placeholders[i].name == placeholder)
            return static_cast<int>(i);
    return -1;
}

const MessageSpec *message_specs() { return kSpecs; }

const MessageSpec &message_spec(MessageId id) { return kSpecs[static_cast<size_t>(id)]; }

const MessageSpec *find_message_spec(std::string_view name)
{
    for (const MessageSpec &s : kSpecs)
        if (s.name == name)
            return &s;
    return nullptr;
}

const char *plural_form_name(PluralForm f)
{
    switch (f) {
    case PluralForm::Zero: return "zero";
    case PluralForm::One: return "one";
    case PluralForm::Other: return "other";
    case PluralForm::Any: break;
    }
    return "";
}

// CLDR's cardinal rules for the languages the catalogue has: English and
// German say "1 challenge", "0 challenges", "2 challenges".
bool plural_form(std::string_view lang, unsigned long n, PluralForm &form)
{
    if (lang != "en" && lang != "de")
        return false;
    form = n == 1 ? PluralForm::One : PluralForm::Other;
    return true;
}

bool ordinal(std::string_view lang, unsigned long n, std::string &out)
{
    if (lang == "en") {
        const unsigned long tens = n % 100, ones = n % 10;
        const char *suffix = (tens >= 11 && tens <= 13) ? "th"
                             : ones == 1                 ? "st"
                             : ones == 2                 ? "nd"
                             : ones == 3                 ? "rd"
                                                         : "th";
        out = std::to_string(n) + suffix;
        return true;
    }
    if (lang == "de") {
        out = std::to_string(n) + ".";
        return true;
    }
    return false;
}

std::string message_table_markdown()
{
    std::string out = "| message | placeholders | what it is |\n|---|---|---|\n";
    for (const MessageSpec &s : kSpecs) {
        out += "| `" + std::string(s.name) + "` | ";
        if (!s.placeholder_count)
            out += "none";
        for (size_t i = 0; i < s.placeholder_count; ++i) {
            const Placeholder &p = s.placeholders[i];
            out += (i ? " `{" : "`{") + std::string(p.name) + "}`";
            if (p.kind == PlaceholderKind::Count)
                out += " (count: plural forms)";
            else if (p.kind == PlaceholderKind::Ordinal)
                out += " (ordinal)";
        }
        out += " | " + std::string(s.what) + " |\n";
    }
    return out;
}

}  // namespace sipcat
