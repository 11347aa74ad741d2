// Shared by the fuzz targets: splitting one input into parts, and a check that
// stops the run with a message (libFuzzer then saves the input as a crash).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace sipcat::fuzz {

inline std::string_view as_text(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// "a\x1fb\x1fc" -> {"a", "b", "c"}; the separator is a byte no real input uses.
inline std::vector<std::string_view> split(std::string_view s, char sep, size_t max_parts)
{
    std::vector<std::string_view> out;
    while (out.size() + 1 < max_parts) {
        const size_t at = s.find(sep);
        if (at == std::string_view::npos)
            break;
        out.push_back(s.substr(0, at));
        s.remove_prefix(at + 1);
    }
    out.push_back(s);
    return out;
}

#define SIPCAT_FUZZ_CHECK(cond)                                                          \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                \
        }                                                                                \
    } while (0)

}  // namespace sipcat::fuzz
