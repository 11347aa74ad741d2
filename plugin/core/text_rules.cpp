#include "text_rules.h"

#include <algorithm>

namespace sipcat {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && is_lws(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_lws(s.back()))
        s.remove_suffix(1);
    return s;
}

bool is_valid_utf8(std::string_view s)
{
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len;
        unsigned cp;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n)
            return false;
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

// One or more "RFC <digits>[ §<n>[.<n>...]]" separated by "; ".
bool is_valid_rfc_reference(std::string_view s)
{
    static constexpr std::string_view kSection = "\xC2\xA7";  // §
    while (true) {
        if (s.substr(0, 4) != "RFC ")
            return false;
        s.remove_prefix(4);
        size_t d = 0;
        while (d < s.size() && s[d] >= '0' && s[d] <= '9')
            ++d;
        if (d < 3 || d > 5)
            return false;
        s.remove_prefix(d);
        if (s.substr(0, 1 + kSection.size()) == " \xC2\xA7") {
            s.remove_prefix(1 + kSection.size());
            bool want_digit = true;
            size_t k = 0;
            for (; k < s.size(); ++k) {
                const char c = s[k];
                if (c >= '0' && c <= '9') {
                    want_digit = false;
                } else if (c == '.' && !want_digit) {
                    want_digit = true;
                } else {
                    break;
                }
            }
            if (k == 0 || want_digit)
                return false;
            s.remove_prefix(k);
        }
        if (s.empty())
            return true;
        if (s.substr(0, 2) != "; ")
            return false;
        s.remove_prefix(2);
    }
}

bool is_valid_lang_tag(std::string_view s)
{
    auto lower = [](std::string_view p, size_t lo, size_t hi) {
        return p.size() >= lo && p.size() <= hi &&
               std::all_of(p.begin(), p.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    };
    const size_t dash = s.find('-');
    if (dash == std::string_view::npos)
        return lower(s, 2, 3);
    return lower(s.substr(0, dash), 2, 3) && lower(s.substr(dash + 1), 2, 8);
}

bool is_valid_method_token(std::string_view s)
{
    static constexpr std::string_view kMarks = "-.!%*_+`'~";  // RFC 3261 §25.1 token
    return !s.empty() && s.size() <= kMaxMethodBytes && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kMarks.find(c) != std::string_view::npos;
    });
}

}  // namespace sipcat
