/* OpenSSL's libcrypto, for SHA-256 of the evidence journal and the archived messages. */
#include <openssl/sha.h>
#include <openssl/evp.h>
