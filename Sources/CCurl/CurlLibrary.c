// Loads libcurl with dlopen on first use; see include/CCurl.h.
#define CURL_DISABLE_TYPECHECK 1
#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

// The libcurl functions relance calls. Each pointer has the exact type of the declaration in
// <curl/curl.h> (`__typeof__`), so the compiler checks every call below against libcurl's own header.
#define RELANCE_CURL_FUNCTIONS(F) \
    F(curl_global_init)           \
    F(curl_easy_init)             \
    F(curl_easy_cleanup)          \
    F(curl_easy_perform)          \
    F(curl_easy_strerror)         \
    F(curl_easy_setopt)           \
    F(curl_easy_getinfo)          \
    F(curl_slist_append)          \
    F(curl_slist_free_all)

static struct {
#define RELANCE_CURL_POINTER(name) __typeof__(&name) name;
    RELANCE_CURL_FUNCTIONS(RELANCE_CURL_POINTER)
#undef RELANCE_CURL_POINTER
} curl;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_error = "libcurl was not loaded yet";
static char load_error_text[512];
static CURLcode init_code = CURLE_FAILED_INIT;

static void load(void) {
    // The soname of libcurl 7.16 and later (Debian's libcurl4, with OpenSSL or GnuTLS).
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error_text, sizeof load_error_text, "cannot load libcurl (libcurl.so.4): %s", dlerror());
        load_error = load_error_text;
        return;
    }
#define RELANCE_CURL_LOOKUP(name)                                                                     \
    curl.name = (__typeof__(&name))dlsym(library, #name);                                            \
    if (curl.name == NULL) {                                                                          \
        snprintf(load_error_text, sizeof load_error_text, "libcurl.so.4 has no %s: %s", #name, dlerror()); \
        load_error = load_error_text;                                                                 \
        return;                                                                                       \
    }
    RELANCE_CURL_FUNCTIONS(RELANCE_CURL_LOOKUP)
#undef RELANCE_CURL_LOOKUP
    init_code = curl.curl_global_init(CURL_GLOBAL_DEFAULT);
    load_error = init_code == CURLE_OK ? NULL : "curl_global_init failed";
}

CURLcode relance_curl_global_init_default(void) {
    pthread_once(&load_once, load);
    return init_code;
}

const char *relance_curl_load_error(void) {
    pthread_once(&load_once, load);
    return load_error;
}

CURL *relance_curl_easy_init(void) { return curl.curl_easy_init(); }
void relance_curl_easy_cleanup(CURL *handle) { curl.curl_easy_cleanup(handle); }
CURLcode relance_curl_easy_perform(CURL *handle) { return curl.curl_easy_perform(handle); }

const char *relance_curl_easy_strerror(CURLcode code) {
    return curl.curl_easy_strerror != NULL ? curl.curl_easy_strerror(code) : "libcurl is not loaded";
}

struct curl_slist *relance_curl_slist_append(struct curl_slist *list, const char *string) {
    return curl.curl_slist_append(list, string);
}

void relance_curl_slist_free_all(struct curl_slist *list) { curl.curl_slist_free_all(list); }

// MARK: - curl_easy_setopt

CURLcode relance_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.curl_easy_setopt(handle, option, value);
}

CURLcode relance_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.curl_easy_setopt(handle, option, value);
}

CURLcode relance_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.curl_easy_setopt(handle, option, value);
}

CURLcode relance_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl.curl_easy_setopt(handle, option, value);
}

CURLcode relance_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl.curl_easy_setopt(handle, option, value);
}

CURLcode relance_curl_easy_setopt_write_function(CURL *handle, relance_curl_data_callback callback) {
    return curl.curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode relance_curl_easy_setopt_read_function(CURL *handle, relance_curl_data_callback callback) {
    return curl.curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

CURLcode relance_curl_easy_setopt_header_function(CURL *handle, relance_curl_data_callback callback) {
    return curl.curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

CURLcode relance_curl_easy_setopt_mail_rcpt_allowfails(CURL *handle, long value) {
#if defined(LIBCURL_VERSION_NUM) && LIBCURL_VERSION_NUM >= 0x080200
    return curl.curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLOWFAILS, value);
#elif defined(LIBCURL_VERSION_NUM) && LIBCURL_VERSION_NUM >= 0x074500
    return curl.curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, value);
#else
    (void)handle;
    (void)value;
    return CURLE_UNKNOWN_OPTION;
#endif
}

// MARK: - curl_easy_getinfo

CURLcode relance_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.curl_easy_getinfo(handle, info, value);
}

CURLcode relance_curl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl.curl_easy_getinfo(handle, info, value);
}

CURLcode relance_curl_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl.curl_easy_getinfo(handle, info, value);
}

CURLcode relance_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl.curl_easy_getinfo(handle, info, value);
}
