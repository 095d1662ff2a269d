/* OpenSSL's libcrypto, for SHA-256 of the evidence journal and the archived messages. */
/* SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, which loads a provider (see
   SHA256Stream); they stay exported, and the warnings are silenced here. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
