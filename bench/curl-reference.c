/*
 * The second delivery reference: "a C program using libcurl with 4 threads, one reused easy
 * handle each". It sends one message file N times to an SMTP server with T threads, each with one easy
 * handle kept for all its messages (the connection is reused), configured as relance's SMTPEasyHandle
 * configures its own (no TLS, no signal, upload from memory through a read callback), and does
 * nothing else: no rendering, no recording. It is the floor of what any libcurl client reaches here.
 *
 *   curl-reference URL MESSAGE_FILE COUNT THREADS
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

static void *send_all(void *argument) {
    struct worker *worker = argument;
    CURL *handle = curl_easy_init();
    if (handle == NULL) {
        worker->failed = worker->count;
        return NULL;
    }
    struct curl_slist *recipients = curl_slist_append(NULL, "<bench@client.example>");
    curl_easy_setopt(handle, CURLOPT_URL, worker->url);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(handle, CURLOPT_USE_SSL, (long)CURLUSESSL_NONE);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, "<compta@atelier-dupont.fr>");
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, (curl_off_t)worker->size);
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
    curl_slist_free_all(recipients);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s URL MESSAGE_FILE COUNT THREADS\n", argv[0]);
        return 64;
    }
    long count = atol(argv[3]);
    int threads = atoi(argv[4]);
    if (count < 1 || threads < 1 || threads > 64) {
        fprintf(stderr, "curl-reference: COUNT and THREADS (1...64) must be positive\n");
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
    struct worker workers[64];
    pthread_t ids[64];
    for (int t = 0; t < threads; t++) {
        workers[t] = (struct worker){argv[1], data, size, count / threads + (t < count % threads), 0, 0};
        pthread_create(&ids[t], NULL, send_all, &workers[t]);
    }
    long sent = 0, failed = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        sent += workers[t].sent;
        failed += workers[t].failed;
    }
    curl_global_cleanup();
    printf("sent=%ld failed=%ld\n", sent, failed);
    return failed == 0 ? 0 : 1;
}
