#include "sip_text.h"

namespace sipcat {

std::string_view phrase_from_status_line(std::string_view line)
{
    const size_t sp1 = line.find(' ');
    if (sp1 == std::string_view::npos)
        return {};
    const size_t sp2 = line.find(' ', sp1 + 1);
    if (sp2 == std::string_view::npos)
        return {};
    std::string_view phrase = line.substr(sp2 + 1);
    while (!phrase.empty() && (phrase.back() == ' ' || phrase.back() == '\r' || phrase.back() == '\n'))
        phrase.remove_suffix(1);
    return phrase;
}

std::string_view unquote(std::string_view s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        return s.substr(1, s.size() - 2);
    return s;
}

bool flag_is_true(std::string_view value)
{
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
    value = unquote(value);
    static constexpr std::string_view kTrue = "true";
    if (value.size() != kTrue.size())
        return false;
    for (size_t i = 0; i < kTrue.size(); ++i)
        if ((value[i] | 0x20) != kTrue[i])
            return false;
    return true;
}

}  // namespace sipcat
