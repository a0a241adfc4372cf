// C++ types of the unit's ports, following Verilator's --sc mapping so a Verilated model of the
// RTL is a drop-in replacement (docs/pin-interface.md): 1 bit -> bool, 2..32 bits -> uint32_t,
// 33..64 bits -> uint64_t, wider -> sc_dt::sc_bv<W>. PortWords / PortBuilder pack and
// PortFields unpacks the lane fields [lane*w +: w] of such a value, in 64-bit words.
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

// Field [lo, lo + w) of the little-endian 64-bit word array `words` := x (w <= 64; the array
// has a word beyond the last field).
inline void insert_bits(uint64_t* words, int lo, int w, uint64_t x) {
    const uint64_t m = w >= 64 ? ~uint64_t(0) : (uint64_t(1) << w) - 1;
    x &= m;
    const int i = lo >> 6, off = lo & 63;
    words[i] = (words[i] & ~(m << off)) | (x << off);
    if (off + w > 64) {
        const int sh = 64 - off;
        words[i + 1] = (words[i + 1] & ~(m >> sh)) | (x >> sh);
    }
}

// The packed words as a port value of type T; an sc_bv is refreshed in place (no allocation).
template <class T>
void words_to_port(const uint64_t* words, T& v) {
    if constexpr (std::is_same_v<T, bool>) {
        v = (words[0] & 1) != 0;
    } else if constexpr (std::is_integral_v<T>) {
        v = static_cast<T>(words[0]);
    } else {
        for (int i = 0; i < (v.length() + 31) / 32; ++i)
            v.set_word(i, static_cast<sc_dt::sc_digit>(words[i >> 1] >> (32 * (i & 1))));
    }
}

// Builds a packed port value of W bits lane by lane in 64-bit words (no sc_bv bit access).
template <int W>
class PortWords {
public:
    static constexpr int kWords64 = (W + 63) / 64;
    void clear() {
        for (auto& w : w_) w = 0;
    }
    // Field [lo, lo + w) := x, w <= 128.
    void set(int lo, int w, u128 x) {
        if (w > 64) {
            set64(lo, 64, static_cast<uint64_t>(x));
            set64(lo + 64, w - 64, static_cast<uint64_t>(x >> 64));
        } else {
            set64(lo, w, static_cast<uint64_t>(x));
        }
    }
    void set64(int lo, int w, uint64_t x) { insert_bits(w_, lo, w, x); }
    // The packed value; sc_bv values are refreshed in place (no allocation per cycle).
    const port_t<W>& value() {
        words_to_port(w_, v_);
        return v_;
    }

private:
    uint64_t w_[kWords64 + 1] = {};
    port_t<W> v_{};
};

// Reads the lane fields of a port value: sc_bv values are unpacked into 64-bit words once.
template <class T>
class PortFields {
public:
    void load(const T& v) {
        if constexpr (std::is_same_v<T, bool>) {
            w_[0] = v;
        } else if constexpr (std::is_integral_v<T>) {
            w_[0] = static_cast<uint64_t>(v);
        } else {
            const int words = (v.length() + 31) / 32;
            for (int i = 0; i < (words + 1) / 2; ++i) w_[i] = 0;
            for (int i = 0; i < words; ++i) w_[i >> 1] |= static_cast<uint64_t>(v.get_word(i)) << (32 * (i & 1));
        }
    }
    uint64_t get64(int lo, int w) const {
        const int i = lo >> 6, off = lo & 63;
        uint64_t x = w_[i] >> off;
        if (off + w > 64) x |= w_[i + 1] << (64 - off);
        return w >= 64 ? x : x & ((uint64_t(1) << w) - 1);
    }
    u128 get(int lo, int w) const {
        if (w > 64) return u128(get64(lo, 64)) | (u128(get64(lo + 64, w - 64)) << 64);
        return get64(lo, w);
    }

private:
    static constexpr int kMaxWords64 = 64 * 128 / 64 + 1;   // 64 lanes of 128 bits
    uint64_t w_[kMaxWords64] = {};
};

// Packs lane fields into a port value of type T (testbench side of PortWords).
template <class T>
class PortBuilder {
public:
    void clear() {
        for (auto& w : w_) w = 0;
    }
    void set64(int lo, int w, uint64_t x) { insert_bits(w_, lo, w, x); }
    void store(T& v) const { words_to_port(w_, v); }

private:
    uint64_t w_[64 * 64 / 64 + 1] = {};   // 64 lanes of 64 bits
};

}  // namespace gqalut::sc
