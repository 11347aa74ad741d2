#include "warning_header.h"

#include "text_rules.h"

namespace sipcat {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void skip_space(std::string_view s, size_t &i)
{
    while (i < s.size() && is_lws(s[i]))
        ++i;
}

// Moves past the next comma that is not inside quotes.
void skip_to_next_value(std::string_view s, size_t &i)
{
    bool quoted = false;
    for (; i < s.size(); ++i) {
        if (quoted && s[i] == '\\') {
            ++i;
        } else if (s[i] == '"') {
            quoted = !quoted;
        } else if (s[i] == ',' && !quoted) {
            ++i;
            return;
        }
    }
}

}  // namespace

std::vector<WarningValue> parse_warning_header(std::string_view s, size_t max_values)
{
    std::vector<WarningValue> out;
    size_t i = 0;
    while (i < s.size() && out.size() < max_values) {
        skip_space(s, i);
        if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
        }
        if (i + 3 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
            (i + 3 < s.size() && !is_lws(s[i + 3]))) {
            skip_to_next_value(s, i);
            continue;
        }
        WarningValue w;
        w.code = static_cast<unsigned>((s[i] - '0') * 100 + (s[i + 1] - '0') * 10 + (s[i + 2] - '0'));
        i += 3;
        skip_space(s, i);
        while (i < s.size() && !is_lws(s[i]) && s[i] != ',' && s[i] != '"')
            ++i;  // the warn-agent
        skip_space(s, i);
        if (i < s.size() && s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < s.size())
                    ++i;
                if (w.text.size() < kMaxWarningText)
                    w.text.push_back(s[i]);
                ++i;
            }
            if (i < s.size())
                ++i;  // closing quote
            skip_to_next_value(s, i);
        } else {
            const size_t start = i;
            while (i < s.size() && s[i] != ',')
                ++i;
            std::string_view text = s.substr(start, i - start);
            while (!text.empty() && is_lws(text.back()))
                text.remove_suffix(1);
            w.text = std::string(text.substr(0, kMaxWarningText));
        }
        out.push_back(std::move(w));
    }
    return out;
}

}  // namespace sipcat
