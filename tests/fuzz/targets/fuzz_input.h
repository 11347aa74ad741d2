// Shared by the fuzz targets: splitting one input into parts, and a check that
// stops the run with a message (libFuzzer then saves the input as a crash).
#pragma once

#include <algorithm>
#include <cstdint>
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

// Reads an input byte by byte for the targets that drive a state machine
// (diagnoser, silence watcher): a byte, or a string of up to `max` bytes.
class Bytes {
public:
    Bytes(const uint8_t *d, size_t n) : d_(d), n_(n) {}
    bool empty() const { return n_ == 0; }
    uint8_t byte() { return n_ ? (--n_, *d_++) : 0; }
    std::string str(size_t max)
    {
        const size_t len = std::min<size_t>(byte() % (max + 1), n_);
        std::string s(reinterpret_cast<const char *>(d_), len);
        d_ += len;
        n_ -= len;
        return s;
    }

private:
    const uint8_t *d_;
    size_t n_;
};
// Methods the state-machine targets pick from (with an empty and a lower-case one).
inline const char *const kMethods[] = {"INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "", "invite"};

#define SIPCAT_FUZZ_CHECK(cond)                                                          \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                \
        }                                                                                \
    } while (0)

}  // namespace sipcat::fuzz
