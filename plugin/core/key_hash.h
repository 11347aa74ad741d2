// 64-bit keys for the diagnosis state: eight bytes at a time, each word
// rotated in and multiplied by an odd constant (a multiply spreads low bits up,
// the rotation brings high bits down), finished with a MurmurHash3 mix so
// that every bit of the key spreads over the hash table.
// Values from packets are hashed by their length, first and last kKeyEdge
// bytes: a hostile 64 KiB Call-ID costs no more than a normal one, and values
// that differ only in their middle (beyond 2 x kKeyEdge bytes) share a key.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace sipcat {

class KeyHash {
public:
    static constexpr size_t kKeyEdge = 128;

    KeyHash &u32(uint32_t v) { return word(v); }
    KeyHash &u64(uint64_t v) { return word(v); }
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
    KeyHash &word(uint64_t w)
    {
        h_ = (((h_ << 29) | (h_ >> 35)) ^ w) * 0x9e3779b97f4a7c15ull;
        return *this;
    }
    KeyHash &bytes(std::string_view s)
    {
        const char *p = s.data();
        size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            word(w);
        }
        if (n > 0) {  // the length, mixed in before, tells "a" from "a\0"
            uint64_t w = 0;
            std::memcpy(&w, p, n);
            word(w);
        }
        return *this;
    }
    uint64_t h_ = 0xcbf29ce484222325ull;
};

inline uint64_t key_of(std::string_view s) { return KeyHash().text(s).done(); }

// A transaction, for the diagnosis and the silence watch alike: by top Via
// branch and method (RFC 3261 §17.1.3, §17.2.3), so the two legs through a
// proxy stay apart; without a branch (RFC 2543 peers), by CSeq number and
// method. The CSeq number, the same in all messages of a transaction, also
// keeps apart the transactions of a client that reuses its branch. `call` is
// the Call-ID's key_of, which makes it one table for all calls.
inline uint64_t transaction_key(uint64_t call, std::string_view branch, uint32_t cseq, std::string_view method)
{
    return KeyHash().u64(call).u32(cseq).text(branch).text(method).done();
}

}  // namespace sipcat
