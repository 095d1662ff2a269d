/*
 * The second delivery reference: "a C program using libcurl with 4 threads, one reused easy
 * handle each". It sends one message file N times to an SMTP server with T easy handles, each kept for
 * all its messages (the connection is reused), configured as relance's SMTPEasyHandle configures its
 * own (no TLS, no signal, upload from memory through a read callback), and does nothing else: no
 * rendering, no recording. It is the floor of what any libcurl client reaches here.
 *
 *   curl-reference URL MESSAGE_FILE COUNT HANDLES [threads|multi]
 *
 * threads (the default): one thread per handle, each calling curl_easy_perform, as relance does.
 * multi: the same handles driven by libcurl's multi interface on one thread (the alternative:
 * "or the multi interface — measure both and keep the faster").
 *
 * Prints "sent=N failed=N" on standard output; exits 1 if any message failed. bench/delivery.sh builds
 * it with the Swift toolchain's clang and times it with GNU time like the other senders.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct worker {
    const char *url;
    const char *data;
    size_t size;
    long count;
    long sent;
    long failed;
};

struct cursor {
    const char *data;
    size_t size;
    size_t position;
};

static size_t read_message(char *buffer, size_t size, size_t items, void *user) {
    struct cursor *cursor = user;
    size_t left = cursor->size - cursor->position;
    size_t length = size * items < left ? size * items : left;
    memcpy(buffer, cursor->data + cursor->position, length);
    cursor->position += length;
    return length;
}

static struct curl_slist *recipients;

/* One easy handle as SMTPEasyHandle sets it up; READDATA is set per message. */
static CURL *new_handle(const char *url, size_t size) {
    CURL *handle = curl_easy_init();
    if (handle == NULL) return NULL;
    curl_easy_setopt(handle, CURLOPT_URL, url);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(handle, CURLOPT_USE_SSL, (long)CURLUSESSL_NONE);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, "<compta@atelier-dupont.fr>");
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, (curl_off_t)size);
    return handle;
}

static void *send_all(void *argument) {
    struct worker *worker = argument;
    CURL *handle = new_handle(worker->url, worker->size);
    if (handle == NULL) {
        worker->failed = worker->count;
        return NULL;
    }
    for (long i = 0; i < worker->count; i++) {
        struct cursor cursor = {worker->data, worker->size, 0};
        curl_easy_setopt(handle, CURLOPT_READDATA, &cursor);
        if (curl_easy_perform(handle) == CURLE_OK) {
            worker->sent++;
        } else {
            worker->failed++;
        }
    }
    curl_easy_cleanup(handle);
    return NULL;
}

/* The multi interface: every handle on this thread, each re-added for its next message once done. */
static void send_multi(const char *url, const char *data, size_t size, long count, int handles, long *sent,
                       long *failed) {
    CURLM *multi = curl_multi_init();
    CURL *easy[64];
    struct cursor cursors[64];
    long started = 0;
    for (int h = 0; h < handles && started < count; h++, started++) {
        easy[h] = new_handle(url, size);
        if (easy[h] == NULL) {
            *failed = count;
            return;
        }
        cursors[h] = (struct cursor){data, size, 0};
        curl_easy_setopt(easy[h], CURLOPT_READDATA, &cursors[h]);
        curl_easy_setopt(easy[h], CURLOPT_PRIVATE, (void *)(long)h);
        curl_multi_add_handle(multi, easy[h]);
    }
    int active = handles < count ? handles : (int)count;
    while (*sent + *failed < count) {
        int running = 0;
        curl_multi_perform(multi, &running);
        CURLMsg *message;
        int queued;
        while ((message = curl_multi_info_read(multi, &queued)) != NULL) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL *done = message->easy_handle;
            if (message->data.result == CURLE_OK) {
                (*sent)++;
            } else {
                (*failed)++;
            }
            curl_multi_remove_handle(multi, done);
            if (started < count) {
                void *slot;
                curl_easy_getinfo(done, CURLINFO_PRIVATE, &slot);
                cursors[(long)slot] = (struct cursor){data, size, 0};
                curl_multi_add_handle(multi, done);
                started++;
            }
        }
        if (*sent + *failed < count) curl_multi_poll(multi, NULL, 0, 1000, NULL);
    }
    for (int h = 0; h < active; h++) curl_easy_cleanup(easy[h]);
    curl_multi_cleanup(multi);
}

int main(int argc, char **argv) {
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: %s URL MESSAGE_FILE COUNT HANDLES [threads|multi]\n", argv[0]);
        return 64;
    }
    long count = atol(argv[3]);
    int threads = atoi(argv[4]);
    int multi = argc == 6 && strcmp(argv[5], "multi") == 0;
    if (count < 1 || threads < 1 || threads > 64 || (argc == 6 && !multi && strcmp(argv[5], "threads") != 0)) {
        fprintf(stderr, "curl-reference: COUNT and HANDLES (1...64) must be positive; mode threads or multi\n");
        return 64;
    }
    FILE *file = fopen(argv[2], "rb");
    if (file == NULL) {
        perror(argv[2]);
        return 66;
    }
    static char data[1 << 20];
    size_t size = fread(data, 1, sizeof data, file);
    fclose(file);
    if (size == 0 || size == sizeof data) {
        fprintf(stderr, "curl-reference: %s is empty or over 1 MiB\n", argv[2]);
        return 65;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    recipients = curl_slist_append(NULL, "<bench@client.example>");
    long sent = 0, failed = 0;
    if (multi) {
        send_multi(argv[1], data, size, count, threads, &sent, &failed);
    } else {
        struct worker workers[64];
        pthread_t ids[64];
        for (int t = 0; t < threads; t++) {
            workers[t] = (struct worker){argv[1], data, size, count / threads + (t < count % threads), 0, 0};
            pthread_create(&ids[t], NULL, send_all, &workers[t]);
        }
        for (int t = 0; t < threads; t++) {
            pthread_join(ids[t], NULL);
            sent += workers[t].sent;
            failed += workers[t].failed;
        }
    }
    curl_slist_free_all(recipients);
    curl_global_cleanup();
    printf("sent=%ld failed=%ld\n", sent, failed);
    return failed == 0 ? 0 : 1;
}
