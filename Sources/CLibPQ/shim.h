#ifndef MQ_CLIBPQ_SHIM_H
#define MQ_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/// OpenSSL's count of decrypted bytes it holds for a connection and has not handed on (`SSL_pending`),
/// for the `SSL *` that `PQsslStruct(connection, "OpenSSL")` returns. Declared here rather than through
/// <openssl/ssl.h>, so the module imports nothing else of OpenSSL.
int SSL_pending(const void *ssl);
#endif
