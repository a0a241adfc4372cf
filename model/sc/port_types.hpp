// C++ types of the unit's ports, following Verilator's --sc mapping so a Verilated model of the
// RTL is a drop-in replacement (docs/pin-interface.md): 1 bit -> bool, 2..32 bits -> uint32_t,
// 33..64 bits -> uint64_t, wider -> sc_dt::sc_bv<W>. PortCodec reads and writes the lane fields
// [lane*w +: w] of such a value.
#pragma once
#include <cstdint>
#include <type_traits>

#include <systemc>

namespace gqalut::sc {

__extension__ typedef unsigned __int128 u128;

template <int W>
struct PortType {
    static_assert(W >= 1, "port width");
    using type = std::conditional_t<
        (W == 1), bool,
        std::conditional_t<(W <= 32), uint32_t, std::conditional_t<(W <= 64), uint64_t, sc_dt::sc_bv<W>>>>;
};
template <int W>
using port_t = typename PortType<W>::type;

inline u128 low_mask(int w) { return w >= 128 ? ~u128(0) : (u128(1) << w) - 1; }

// Field access on port values; fields are at most 128 bits wide.
template <class T>
struct PortCodec;

template <>
struct PortCodec<bool> {
    static u128 get(bool v, int lo, int w) { return (lo == 0 && w >= 1) ? u128(v) : 0; }
    static void set(bool& v, int lo, int w, u128 x) {
        if (lo == 0 && w >= 1) v = (x & 1) != 0;
    }
    static void clear(bool& v) { v = false; }
};

template <>
struct PortCodec<uint32_t> {
    static u128 get(uint32_t v, int lo, int w) { return (u128(v) >> lo) & low_mask(w); }
    static void set(uint32_t& v, int lo, int w, u128 x) {
        const uint64_t m = static_cast<uint64_t>(low_mask(w)) << lo;
        v = static_cast<uint32_t>((v & ~m) | ((static_cast<uint64_t>(x & low_mask(w)) << lo) & m));
    }
    static void clear(uint32_t& v) { v = 0; }
};

template <>
struct PortCodec<uint64_t> {
    static u128 get(uint64_t v, int lo, int w) { return (u128(v) >> lo) & low_mask(w); }
    static void set(uint64_t& v, int lo, int w, u128 x) {
        const u128 m = low_mask(w) << lo;
        v = static_cast<uint64_t>((u128(v) & ~m) | (((x & low_mask(w)) << lo) & m));
    }
    static void clear(uint64_t& v) { v = 0; }
};

template <int W>
struct PortCodec<sc_dt::sc_bv<W>> {
    static u128 get(const sc_dt::sc_bv<W>& v, int lo, int w) {
        u128 r = 0;
        int got = 0;
        while (got < w) {
            const int bit = lo + got;
            const int word = bit / 32, off = bit % 32;
            const int take = (32 - off) < (w - got) ? (32 - off) : (w - got);
            const uint64_t d = (static_cast<uint64_t>(v.get_word(word)) >> off) & ((uint64_t(1) << take) - 1);
            r |= u128(d) << got;
            got += take;
        }
        return r;
    }
    static void set(sc_dt::sc_bv<W>& v, int lo, int w, u128 x) {
        int put = 0;
        while (put < w) {
            const int bit = lo + put;
            const int word = bit / 32, off = bit % 32;
            const int take = (32 - off) < (w - put) ? (32 - off) : (w - put);
            const uint64_t m = ((uint64_t(1) << take) - 1) << off;
            const uint64_t cur = v.get_word(word);
            const uint64_t d = (static_cast<uint64_t>(x >> put) << off) & m;
            v.set_word(word, static_cast<sc_dt::sc_digit>((cur & ~m) | d));
            put += take;
        }
    }
    static void clear(sc_dt::sc_bv<W>& v) {
        for (int i = 0; i < (W + 31) / 32; ++i) v.set_word(i, 0);
    }
};

// Builds a packed port value of W bits, lane by lane, without touching sc_bv per bit.
template <int W>
class PortWords {
public:
    static constexpr int kWords = (W + 31) / 32;
    void clear() {
        for (auto& w : w_) w = 0;
    }
    void set(int lo, int w, u128 x) {
        x &= low_mask(w);
        int put = 0;
        while (put < w) {
            const int bit = lo + put;
            const int word = bit / 32, off = bit % 32;
            const int take = (32 - off) < (w - put) ? (32 - off) : (w - put);
            const uint64_t m = ((uint64_t(1) << take) - 1) << off;
            w_[word] = static_cast<uint32_t>((w_[word] & ~m) | ((static_cast<uint64_t>(x >> put) << off) & m));
            put += take;
        }
    }
    // The packed value; sc_bv values are refreshed in place (no allocation per cycle).
    const port_t<W>& value() {
        if constexpr (W == 1) {
            v_ = (w_[0] & 1) != 0;
        } else if constexpr (W <= 32) {
            v_ = w_[0];
        } else if constexpr (W <= 64) {
            v_ = static_cast<uint64_t>(w_[0]) | (static_cast<uint64_t>(w_[1]) << 32);
        } else {
            for (int i = 0; i < kWords; ++i) v_.set_word(i, w_[i]);
        }
        return v_;
    }

private:
    uint32_t w_[kWords] = {};
    port_t<W> v_{};
};

}  // namespace gqalut::sc
