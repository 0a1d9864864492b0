// A small, seeded, portable pseudo-random generator for synthetic data: the same seed
// gives the same stream on every platform and standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace recallguard::generate {

// splitmix64: expands one 64-bit seed into well-mixed words (seeding and key derivation).
inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// xoshiro256** (Blackman & Vigna). The distributions below are written out by hand because
// std::uniform_*_distribution differ between standard libraries, which would break
// "same seed, same bytes".
class Prng {
public:
    explicit Prng(uint64_t seed) {
        uint64_t state = seed;
        for (auto& word : s_) word = splitmix64(state);
    }
    // An independent stream for sub-task `index` (a company), stable whatever else is drawn.
    static Prng derive(uint64_t seed, uint64_t index) {
        uint64_t state = seed ^ (index * 0xd1342543de82ef95ULL + 0x2545f4914f6cdd1dULL);
        return Prng(splitmix64(state));
    }

    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n) without modulo bias (Lemire's multiply-and-reject).
    uint64_t below(uint64_t n) {
        if (n == 0) return 0;
        __uint128_t m = static_cast<__uint128_t>(next()) * n;
        auto low = static_cast<uint64_t>(m);
        if (low < n) {
            const uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<__uint128_t>(next()) * n;
                low = static_cast<uint64_t>(m);
            }
        }
        return static_cast<uint64_t>(m >> 64);
    }

    // Uniform integer in [lo, hi] (inclusive); lo when hi < lo.
    int64_t between(int64_t lo, int64_t hi) {
        if (hi <= lo) return lo;
        return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
    }

    // Uniform in [0, 1) with 53 bits.
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    // True with probability p; p <= 0 is never true and p >= 1 always (still one draw, so
    // the stream does not depend on p).
    bool chance(double p) { return unit() < p; }

    // Index drawn with the given relative integer weights.
    size_t weighted(std::initializer_list<unsigned> weights) {
        uint64_t total = 0;
        for (unsigned w : weights) total += w;
        uint64_t pick = below(total);
        size_t index = 0;
        for (unsigned w : weights) {
            if (pick < w) return index;
            pick -= w;
            ++index;
        }
        return weights.size() - 1;
    }

    template <typename T>
    const T& pick(const std::vector<T>& items) {
        return items[static_cast<size_t>(below(items.size()))];
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t s_[4];
};

}  // namespace recallguard::generate
