// A hash table for keys that are already 64-bit hashes (key_hash.h): one
// array of slots, open addressing with linear probing, a power-of-two size.
// std::unordered_map spent a 64-bit division and two or three dependent
// cache misses (bucket, node, next node) on each lookup, and a malloc'd node
// per entry: with sipcat's per-file tables grown to 100,000s of entries that
// was most of sipcat's own time in a profile and evicted Wireshark's own data.
//
// The subset of std::unordered_map that sipcat uses. Unlike it, an insertion
// may move every entry: no reference or iterator outlives the next emplace.
// Erasing leaves a tombstone, so erase(it) during iteration is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace sipcat {

template <class V> class FlatMap {
public:
    using key_type = uint64_t;
    using mapped_type = V;
    using value_type = std::pair<uint64_t, V>;

    template <class Map, class Value> class Iter {
    public:
        Iter(Map *m, size_t i) : m_(m), i_(i) { skip(); }
        Value &operator*() const { return m_->slots_[i_]; }
        Value *operator->() const { return &m_->slots_[i_]; }
        Iter &operator++()
        {
            ++i_;
            skip();
            return *this;
        }
        bool operator==(const Iter &o) const { return i_ == o.i_; }
        bool operator!=(const Iter &o) const { return i_ != o.i_; }

    private:
        friend class FlatMap;
        void skip()
        {
            while (i_ < m_->ctrl_.size() && m_->ctrl_[i_] != kFull)
                ++i_;
        }
        Map *m_;
        size_t i_;
    };
    using iterator = Iter<FlatMap, value_type>;
    using const_iterator = Iter<const FlatMap, const value_type>;

    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, ctrl_.size()); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, ctrl_.size()); }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    // Bytes of the table itself (the entries live in it).
    size_t capacity_bytes() const { return ctrl_.size() * (1 + sizeof(value_type)); }

    iterator find(uint64_t key)
    {
        const size_t i = locate(key);
        return iterator(this, i == kNone ? ctrl_.size() : i);
    }
    const_iterator find(uint64_t key) const
    {
        const size_t i = locate(key);
        return const_iterator(this, i == kNone ? ctrl_.size() : i);
    }

    // {the entry of `key`, true if it is new (value-initialized)}.
    std::pair<iterator, bool> try_emplace(uint64_t key)
    {
        if (const size_t i = locate(key); i != kNone)
            return {iterator(this, i), false};
        if ((size_ + tombstones_ + 1) * 8 > ctrl_.size() * 7)
            // Grow when live entries fill 25/32 of it, else only sweep the tombstones:
            // a grown table is at least 25/64 full, and a sweep comes at most every 3/32.
            rehash((size_ + 1) * 32 > ctrl_.size() * 25 ? 2 * ctrl_.size() : ctrl_.size());
        size_t i = home(key);
        while (ctrl_[i] == kFull)
            i = (i + 1) & mask();
        if (ctrl_[i] == kDeleted)
            --tombstones_;
        ctrl_[i] = kFull;
        slots_[i] = value_type{key, V{}};
        ++size_;
        return {iterator(this, i), true};
    }
    std::pair<iterator, bool> emplace(uint64_t key, const V &v)
    {
        auto r = try_emplace(key);
        if (r.second)
            r.first->second = v;
        return r;
    }

    iterator erase(iterator it)
    {
        ctrl_[it.i_] = kDeleted;
        slots_[it.i_].second = V{};
        --size_;
        ++tombstones_;
        return ++it;
    }
    void clear()
    {
        std::vector<uint8_t>().swap(ctrl_);
        std::vector<value_type>().swap(slots_);
        size_ = tombstones_ = 0;
    }
    void swap(FlatMap &o)
    {
        ctrl_.swap(o.ctrl_);
        slots_.swap(o.slots_);
        std::swap(size_, o.size_);
        std::swap(tombstones_, o.tombstones_);
    }

private:
    static constexpr uint8_t kEmpty = 0, kDeleted = 1, kFull = 2;
    static constexpr size_t kNone = ~size_t{0};
    static constexpr size_t kMinSlots = 16;

    size_t mask() const { return ctrl_.size() - 1; }
    // The keys are hashes already; the multiply spreads their low bits over the table.
    size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask(); }
    size_t locate(uint64_t key) const
    {
        if (ctrl_.empty())
            return kNone;
        for (size_t i = home(key);; i = (i + 1) & mask()) {
            if (ctrl_[i] == kEmpty)
                return kNone;
            if (ctrl_[i] == kFull && slots_[i].first == key)
                return i;
        }
    }
    void rehash(size_t slots)
    {
        if (slots < kMinSlots)
            slots = kMinSlots;
        std::vector<uint8_t> ctrl(slots, kEmpty);
        std::vector<value_type> moved(slots);
        ctrl.swap(ctrl_);
        moved.swap(slots_);
        tombstones_ = 0;
        for (size_t j = 0; j < ctrl.size(); ++j) {
            if (ctrl[j] != kFull)
                continue;
            size_t i = home(moved[j].first);
            while (ctrl_[i] == kFull)
                i = (i + 1) & mask();
            ctrl_[i] = kFull;
            slots_[i] = std::move(moved[j]);
        }
    }

    std::vector<uint8_t> ctrl_;
    std::vector<value_type> slots_;
    size_t size_ = 0;
    size_t tombstones_ = 0;
};

}  // namespace sipcat
