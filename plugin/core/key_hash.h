// 64-bit keys for the diagnosis state: FNV-1a over the bytes, finished with
// a MurmurHash3 mix so that every bit of the key spreads over the hash table.
// Values from packets are hashed by their length, first and last kKeyEdge
// bytes: a hostile 64 KiB Call-ID costs no more than a normal one, and values
// that differ only in their middle (beyond 2 x kKeyEdge bytes) share a key.
#pragma once

#include <cstdint>
#include <string_view>

namespace sipcat {

class KeyHash {
public:
    static constexpr size_t kKeyEdge = 128;

    KeyHash &byte(uint8_t b)
    {
        h_ = (h_ ^ b) * 0x100000001b3ull;
        return *this;
    }
    KeyHash &u32(uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            byte(static_cast<uint8_t>(v >> (8 * i)));
        return *this;
    }
    // The length first, so that "ab"+"c" and "a"+"bc" differ.
    KeyHash &text(std::string_view s)
    {
        u32(static_cast<uint32_t>(s.size()));
        if (s.size() <= 2 * kKeyEdge)
            return bytes(s);
        bytes(s.substr(0, kKeyEdge));
        return bytes(s.substr(s.size() - kKeyEdge));
    }
    // Never 0: callers use 0 for "none".
    uint64_t done() const
    {
        uint64_t k = h_;
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdull;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53ull;
        k ^= k >> 33;
        return k ? k : 1;
    }

private:
    KeyHash &bytes(std::string_view s)
    {
        for (const char c : s)
            byte(static_cast<uint8_t>(c));
        return *this;
    }
    uint64_t h_ = 0xcbf29ce484222325ull;
};

inline uint64_t key_of(std::string_view s) { return KeyHash().text(s).done(); }

}  // namespace sipcat
