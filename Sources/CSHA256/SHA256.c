// SHA-256 as specified by FIPS 180-4, section 6.2. See CSHA256.h.
#include "CSHA256.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotate_right(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_big_endian(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void store_big_endian(uint8_t *p, uint32_t x) {
    p[0] = (uint8_t)(x >> 24);
    p[1] = (uint8_t)(x >> 16);
    p[2] = (uint8_t)(x >> 8);
    p[3] = (uint8_t)x;
}

/// Runs the compression function over `blocks` consecutive 64-byte blocks, in portable C.
static void compress_portable(uint32_t state[8], const uint8_t *block, size_t blocks) {
    uint32_t w[64];
    while (blocks--) {
        for (int t = 0; t < 16; t++) w[t] = load_big_endian(block + 4 * t);
        for (int t = 16; t < 64; t++) {
            uint32_t s0 = rotate_right(w[t - 15], 7) ^ rotate_right(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint32_t s1 = rotate_right(w[t - 2], 17) ^ rotate_right(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
            uint32_t choice = (e & f) ^ (~e & g);
            uint32_t t1 = h + sum1 + choice + round_constants[t] + w[t];
            uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
            uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
        block += 64;
    }
}

#if defined(__x86_64__)
/// The compression function with the x86 SHA extensions (SHA-NI), four rounds per step, after Intel's
/// description of the instructions: the state is held as ABEF and CDGH, and SHA256MSG1/MSG2 extend the
/// message schedule four words at a time.
__attribute__((target("sha,sse4.1,ssse3")))
static void compress_hardware(uint32_t state[8], const uint8_t *block, size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
    while (blocks--) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i w[4];
        for (int i = 0; i < 4; i++) {
            w[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(block + 16 * i)), byte_swap);
        }
        for (int step = 0; step < 16; step++) {
            __m128i words = _mm_add_epi32(w[step & 3], _mm_loadu_si128((const __m128i *)&round_constants[4 * step]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, words);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(words, 0x0E));
            if (step < 12) {  // the schedule's words 4 steps ahead replace this step's
                __m128i next = _mm_sha256msg1_epu32(w[step & 3], w[(step + 1) & 3]);
                next = _mm_add_epi32(next, _mm_alignr_epi8(w[(step + 3) & 3], w[(step + 2) & 3], 4));
                w[step & 3] = _mm_sha256msg2_epu32(next, w[(step + 3) & 3]);
            }
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
        block += 64;
    }
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/// Whether this processor has the SHA extensions and the SSSE3 and SSE4.1 instructions they are used
/// with. `cpuid` is slow (a hypervisor traps it), so it is asked once; the race between first callers
/// is harmless, all of them store the same answer.
static int hardware_available(void) {
    static int known = -1;
    int value = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (value < 0) {
        unsigned a, b, c, d;
        int ssse3_sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19));
        int sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
        value = ssse3_sse41 && sha;
        __atomic_store_n(&known, value, __ATOMIC_RELAXED);
    }
    return value;
}
#else
static int hardware_available(void) { return 0; }
#endif

void relance_sha256_init(relance_sha256_context *context) {
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->buffered = 0;
#if defined(__x86_64__)
    context->compress = hardware_available() ? compress_hardware : compress_portable;
#else
    context->compress = compress_portable;
#endif
}

void relance_sha256_update(relance_sha256_context *context, const void *bytes, size_t count) {
    if (count == 0) return;  // `bytes` may then be NULL, which memcpy must not be given
    const uint8_t *input = bytes;
    context->length += count;
    if (context->buffered > 0) {
        size_t room = 64 - context->buffered;
        size_t taken = count < room ? count : room;
        memcpy(context->buffer + context->buffered, input, taken);
        context->buffered += taken;
        input += taken;
        count -= taken;
        if (context->buffered < 64) return;
        context->compress(context->state, context->buffer, 1);
        context->buffered = 0;
    }
    size_t whole = count / 64;
    if (whole > 0) {
        context->compress(context->state, input, whole);
        input += whole * 64;
        count -= whole * 64;
    }
    if (count > 0) {
        memcpy(context->buffer, input, count);
        context->buffered = count;
    }
}

void relance_sha256_final(relance_sha256_context *context, uint8_t digest[32]) {
    uint64_t bits = context->length * 8;
    // Padding: one 1 bit, zeros up to 56 bytes into a block, then the length in bits, big-endian.
    uint8_t *buffer = context->buffer;
    size_t used = context->buffered;
    buffer[used++] = 0x80;
    if (used > 56) {
        memset(buffer + used, 0, 64 - used);
        context->compress(context->state, buffer, 1);
        used = 0;
    }
    memset(buffer + used, 0, 56 - used);
    for (int i = 0; i < 8; i++) buffer[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    context->compress(context->state, buffer, 1);
    for (int i = 0; i < 8; i++) store_big_endian(digest + 4 * i, context->state[i]);
    memset(context, 0, sizeof *context);
}

void relance_sha256(const void *bytes, size_t count, uint8_t digest[32]) {
    relance_sha256_context context;
    relance_sha256_init(&context);
    relance_sha256_update(&context, bytes, count);
    relance_sha256_final(&context, digest);
}

int relance_sha256_hardware_available(void) { return hardware_available(); }

void relance_sha256_portable(const void *bytes, size_t count, uint8_t digest[32]) {
    relance_sha256_context context;
    relance_sha256_init(&context);
    context.compress = compress_portable;
    relance_sha256_update(&context, bytes, count);
    relance_sha256_final(&context, digest);
}
