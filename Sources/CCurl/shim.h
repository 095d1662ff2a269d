// Typed, non-variadic wrappers around libcurl's variadic functions, so that Swift can call them.
//
// `curl_easy_setopt` and `curl_easy_getinfo` are C variadics: Swift cannot call them directly, and
// passing the wrong type for an option is undefined behaviour. Each wrapper below fixes the type of
// the third argument; pick the one that matches the option's documented type (long, char *,
// void *, struct curl_slist *, curl_off_t or a callback).
#ifndef RELANCE_CCURL_SHIM_H
#define RELANCE_CCURL_SHIM_H

#include <curl/curl.h>
#include <stddef.h>

/// The shape of CURLOPT_WRITEFUNCTION, CURLOPT_READFUNCTION and CURLOPT_HEADERFUNCTION callbacks.
typedef size_t (*relance_curl_data_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

/// `curl_global_init(CURL_GLOBAL_DEFAULT)`: the flags are macros Swift does not import reliably.
static inline CURLcode relance_curl_global_init_default(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

// MARK: - curl_easy_setopt

static inline CURLcode relance_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relance_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relance_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relance_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relance_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode relance_curl_easy_setopt_write_function(CURL *handle, relance_curl_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode relance_curl_easy_setopt_read_function(CURL *handle, relance_curl_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode relance_curl_easy_setopt_header_function(CURL *handle, relance_curl_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/// Sets "skip rejected recipients" for SMTP when this libcurl knows it: spelt
/// `CURLOPT_MAIL_RCPT_ALLLOWFAILS` (three Ls) from 7.69.0, `CURLOPT_MAIL_RCPT_ALLOWFAILS` from 8.2.0.
/// Returns CURLE_UNKNOWN_OPTION on an older libcurl.
static inline CURLcode relance_curl_easy_setopt_mail_rcpt_allowfails(CURL *handle, long value) {
#if defined(LIBCURL_VERSION_NUM) && LIBCURL_VERSION_NUM >= 0x080200
    return curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLOWFAILS, value);
#elif defined(LIBCURL_VERSION_NUM) && LIBCURL_VERSION_NUM >= 0x074500
    return curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, value);
#else
    (void)handle;
    (void)value;
    return CURLE_UNKNOWN_OPTION;
#endif
}

// MARK: - curl_easy_getinfo

static inline CURLcode relance_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode relance_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode relance_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode relance_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
