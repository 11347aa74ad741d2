// FlatMap against std::unordered_map: the same operations give the same contents.
#include "flat_map.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <unordered_map>

namespace sipcat {
namespace {

struct Value {
    uint64_t n = 0;
    int touched = 0;
};

template <class M> std::map<uint64_t, uint64_t> contents(const M &m)
{
    std::map<uint64_t, uint64_t> out;
    for (const auto &e : m)
        out[e.first] = e.second.n;
    return out;
}

TEST(FlatMap, SameAsUnorderedMapUnderRandomUse)
{
    std::mt19937_64 rng(7);
    FlatMap<Value> f;
    std::unordered_map<uint64_t, Value> u;
    // Few distinct keys, so that finds, overwrites and erases hit; 0 and ~0 among them.
    const auto key = [&] { const uint64_t k = rng() % 5000; return k == 1 ? 0 : k == 2 ? ~uint64_t{0} : k * 0x10000; };
    for (int step = 0; step < 200000; ++step) {
        const uint64_t k = key();
        switch (rng() % 5) {
        case 0:
        case 1: {
            const auto [it, fresh] = f.try_emplace(k);
            const auto [jt, ufresh] = u.try_emplace(k);
            ASSERT_EQ(fresh, ufresh);
            ASSERT_EQ(it->first, k);
            it->second.n = jt->second.n = step;
            break;
        }
        case 2: {
            const auto it = f.find(k);
            const auto jt = u.find(k);
            ASSERT_EQ(it == f.end(), jt == u.end());
            if (jt != u.end()) {
                ASSERT_EQ(it->second.n, jt->second.n);
                f.erase(it);
                u.erase(jt);
            }
            break;
        }
        case 3: {
            const auto it = f.find(k);
            const auto jt = u.find(k);
            ASSERT_EQ(it == f.end(), jt == u.end());
            if (jt != u.end())
                ASSERT_EQ(it->second.n, jt->second.n);
            break;
        }
        default:
            if (step % 1000 == 0) {  // erase a share while iterating, as the eviction scans do
                for (auto it = f.begin(); it != f.end();)
                    it = it->second.n % 3 == 0 ? f.erase(it) : ++it;
                for (auto it = u.begin(); it != u.end();)
                    it = it->second.n % 3 == 0 ? u.erase(it) : std::next(it);
            }
        }
        ASSERT_EQ(f.size(), u.size());
    }
    EXPECT_EQ(contents(f), contents(u));
}

TEST(FlatMap, ErasedSlotsAreReusedNotGrown)
{
    FlatMap<Value> f;
    for (uint64_t k = 0; k < 1000; ++k)
        f.try_emplace(k);
    const size_t bytes = f.capacity_bytes();
    // Churn: as many erasures as insertions; the table only sweeps its tombstones.
    for (uint64_t k = 1000; k < 200000; ++k) {
        f.erase(f.find(k - 1000));
        f.try_emplace(k);
    }
    EXPECT_EQ(f.size(), 1000u);
    EXPECT_EQ(f.capacity_bytes(), bytes);
    for (uint64_t k = 199000; k < 200000; ++k)
        EXPECT_NE(f.find(k), f.end()) << k;
    EXPECT_EQ(f.find(5), f.end());
}

TEST(FlatMap, ClearAndSwapGiveBackTheTable)
{
    FlatMap<Value> f, g;
    f.emplace(42, Value{7, 0});
    f.swap(g);
    EXPECT_TRUE(f.empty());
    ASSERT_NE(g.find(42), g.end());
    EXPECT_EQ(g.find(42)->second.n, 7u);
    g.clear();
    EXPECT_EQ(g.capacity_bytes(), 0u);
    EXPECT_EQ(g.find(42), g.end());
    EXPECT_EQ(g.begin(), g.end());
}

}  // namespace
}  // namespace sipcat
