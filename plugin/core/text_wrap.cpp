#include "text_wrap.h"

namespace sipcat {

size_t utf8_cut(std::string_view s, size_t n)
{
    if (n >= s.size())
        return s.size();
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80)
        --n;
    return n;
}

std::vector<std::string> wrap_text(std::string_view text, size_t max_bytes)
{
    std::vector<std::string> lines;
    if (max_bytes == 0)
        return lines;
    while (!text.empty()) {
        while (!text.empty() && text.front() == ' ')
            text.remove_prefix(1);
        if (text.empty())
            break;
        while (text.back() == ' ')
            text.remove_suffix(1);
        if (text.size() <= max_bytes) {
            lines.emplace_back(text);
            break;
        }
        size_t cut = text.rfind(' ', max_bytes);
        if (cut == std::string_view::npos || cut == 0) {
            cut = utf8_cut(text, max_bytes);
            if (cut == 0) {  // one UTF-8 sequence wider than the line: keep it whole (4 bytes at most)
                cut = 1;
                while (cut < text.size() && cut < 4 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                    ++cut;
            }
        }
        std::string_view line = text.substr(0, cut);
        while (!line.empty() && line.back() == ' ')
            line.remove_suffix(1);
        lines.emplace_back(line);
        text.remove_prefix(cut);
    }
    return lines;
}

std::string shorten(std::string_view text, size_t max_bytes)
{
    if (text.size() <= max_bytes)
        return std::string(text);
    static constexpr std::string_view kEllipsis = "\u2026";
    if (max_bytes < kEllipsis.size())
        return std::string();
    size_t cut = utf8_cut(text, max_bytes - kEllipsis.size());
    const size_t space = text.rfind(' ', cut);
    if (space != std::string_view::npos && space > cut / 2)
        cut = space;
    std::string_view head = text.substr(0, cut);
    while (!head.empty() && (head.back() == ' ' || head.back() == ',' || head.back() == ';'))
        head.remove_suffix(1);
    return std::string(head) + std::string(kEllipsis);
}

}  // namespace sipcat
