// Breaks long text into lines for display: Wireshark cuts a tree label at 240
// bytes, so long explanations are shown as several lines as well.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipcat {

// Lines of at most `max_bytes` bytes, broken at spaces; a longer word is cut,
// never inside a UTF-8 sequence. Empty text gives no lines.
std::vector<std::string> wrap_text(std::string_view text, size_t max_bytes);

// The largest cut <= n that does not split a UTF-8 sequence of `s`.
size_t utf8_cut(std::string_view s, size_t n);

// `text` if it fits in `max_bytes`, else cut at a space (or a UTF-8 boundary)
// with "…" appended, the whole at most `max_bytes` bytes.
std::string shorten(std::string_view text, size_t max_bytes);

}  // namespace sipcat
