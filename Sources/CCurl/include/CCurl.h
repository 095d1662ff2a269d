// libcurl for relance's SMTP transport, loaded on first use (dlopen), behind typed, non-variadic
// wrappers that Swift can call.
//
// relance does not link libcurl: an idle daemon that has nothing to send never maps libcurl nor
// the TLS, Kerberos, LDAP and SSH libraries libcurl brings with it (several MB of resident memory).
// The first `relance_curl_global_init_default()` loads `libcurl.so.4`; every other function here
// requires that it succeeded (SMTPTransport guarantees it).
//
// `curl_easy_setopt` and `curl_easy_getinfo` are C variadics: Swift cannot call them directly, and
// passing the wrong type for an option is undefined behaviour. Each wrapper below fixes the type of
// the third argument; pick the one that matches the option's documented type (long, char *,
// void *, struct curl_slist *, curl_off_t or a callback).
#ifndef RELANCE_CCURL_H
#define RELANCE_CCURL_H

#include <curl/curl.h>
#include <stddef.h>

/// The shape of CURLOPT_WRITEFUNCTION, CURLOPT_READFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*relance_curl_data_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

/// Loads libcurl (once, thread-safe) and runs `curl_global_init(CURL_GLOBAL_DEFAULT)` (once).
/// Returns CURLE_FAILED_INIT when the library cannot be loaded; `relance_curl_load_error()` says why.
CURLcode relance_curl_global_init_default(void);

/// Why libcurl could not be loaded (dlopen's or dlsym's message), or NULL when it was.
const char *relance_curl_load_error(void);

// MARK: - Functions (each requires a successful relance_curl_global_init_default)

CURL *relance_curl_easy_init(void);
void relance_curl_easy_cleanup(CURL *handle);
CURLcode relance_curl_easy_perform(CURL *handle);
/// libcurl's text for `code`; a fixed text when libcurl is not loaded.
const char *relance_curl_easy_strerror(CURLcode code);
struct curl_slist *relance_curl_slist_append(struct curl_slist *list, const char *string);
void relance_curl_slist_free_all(struct curl_slist *list);

// MARK: - curl_easy_setopt

CURLcode relance_curl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode relance_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode relance_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode relance_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode relance_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode relance_curl_easy_setopt_write_function(CURL *handle, relance_curl_data_callback callback);
CURLcode relance_curl_easy_setopt_read_function(CURL *handle, relance_curl_data_callback callback);
CURLcode relance_curl_easy_setopt_header_function(CURL *handle, relance_curl_data_callback callback);

/// Sets "skip rejected recipients" for SMTP when this libcurl knows it: spelt
/// `CURLOPT_MAIL_RCPT_ALLLOWFAILS` (three Ls) from 7.69.0, `CURLOPT_MAIL_RCPT_ALLOWFAILS` from 8.2.0.
/// Returns CURLE_UNKNOWN_OPTION on an older libcurl.
CURLcode relance_curl_easy_setopt_mail_rcpt_allowfails(CURL *handle, long value);

// MARK: - curl_easy_getinfo

CURLcode relance_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode relance_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode relance_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode relance_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

#endif
