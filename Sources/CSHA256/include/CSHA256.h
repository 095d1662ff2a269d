// SHA-256 (FIPS 180-4) for the evidence journal's hash chain, the archived messages and the ledger
// imports: the x86 SHA extensions when the processor has them (as fast as OpenSSL), else portable C.
//
// relance used OpenSSL's libcrypto for it. Linking libcrypto made every process map it at start, 3.4 MiB
// of an idle daemon's resident memory, for one hash function; libcurl still brings libcrypto, loaded on
// the first message only (see CCurl.h). Checked against the FIPS 180-2 vectors and against coreutils'
// `sha256sum` (SHA256ConformanceTests).
#ifndef RELANCE_CSHA256_H
#define RELANCE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// A digest in progress. Start it with `relance_sha256_init`; its fields are private.
typedef struct {
    uint32_t state[8];
    uint64_t length;      // bytes hashed so far
    uint8_t buffer[64];   // the start of an incomplete block
    size_t buffered;      // bytes in `buffer`
    // The compression function, chosen once by `relance_sha256_init` (SHA extensions or portable C).
    void (*compress)(uint32_t state[8], const uint8_t *blocks, size_t count);
} relance_sha256_context;

/// Starts a digest.
void relance_sha256_init(relance_sha256_context *context);

/// Appends `count` bytes at `bytes` (which may be NULL when `count` is 0).
void relance_sha256_update(relance_sha256_context *context, const void *bytes, size_t count);

/// Writes the 32-byte digest of everything appended to `digest`. The context is spent afterwards.
void relance_sha256_final(relance_sha256_context *context, uint8_t digest[32]);

/// The digest of `count` bytes at `bytes`, in one call.
void relance_sha256(const void *bytes, size_t count, uint8_t digest[32]);

/// Whether the digests above use the processor's SHA extensions (1) or portable C (0).
int relance_sha256_hardware_available(void);

/// `relance_sha256` with the portable C function whatever the processor, for the tests.
void relance_sha256_portable(const void *bytes, size_t count, uint8_t digest[32]);

#endif
