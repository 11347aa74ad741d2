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

}  // namespace sipcat
