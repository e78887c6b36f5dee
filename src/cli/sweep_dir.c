/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Files of a sweep directory.  Every file is written whole or not at
 * all: the bytes go to a temporary file beside the target, are fsynced,
 * and the temporary is renamed over the target (rename is atomic within
 * a file system), then the directory is fsynced so that the new name
 * survives a crash of the machine as well as of the process.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sweep.h"

/* A result line is short; anything longer is not one of ours. */
#define MAX_RESULT_BYTES (1 << 20)

void
gfc_sweep_point_name(char *buf, size_t len, slong i, const char *kind)
{
    snprintf(buf, len, "p%05ld.%s.json", (long) i, kind);
}

int
gfc_sweep_read(char **buf, size_t *len, const char *path, int *missing)
{
    gfc_error_t err;

    if (missing != NULL)
        *missing = (access(path, F_OK) != 0 && errno == ENOENT);
    gfc_error_init(err);
    return gfc_read_file(buf, len, path, GFC_JSON_MAX_BYTES, err) == 0;
}

static int
write_all(int fd, const char *data, size_t len)
{
    while (len > 0)
    {
        ssize_t w = write(fd, data, len);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return 0;
        data += w;
        len -= (size_t) w;
    }
    return 1;
}

static void
sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    int fd;

    if (slash == NULL)
        snprintf(dir, sizeof(dir), ".");
    else
        snprintf(dir, sizeof(dir), "%.*s", (int) (slash - path + 1), path);
    fd = open(dir, O_RDONLY);
    if (fd >= 0)
    {
        fsync(fd);
        close(fd);
    }
}

int
gfc_sweep_write_atomic(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path) + 40;
    char *tmp = malloc(n);
    int fd, e = 0;

    if (tmp == NULL)
        return ENOMEM;
    snprintf(tmp, n, "%s.tmp.%ld", path, (long) getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        e = errno;
    else
    {
        if (!write_all(fd, data, len) || fsync(fd) != 0)
            e = errno ? errno : EIO;
        if (close(fd) != 0 && e == 0)
            e = errno;
        if (e == 0 && rename(tmp, path) != 0)
            e = errno;
        if (e != 0)
            unlink(tmp);
        else
            sync_dir_of(path);
    }
    free(tmp);
    return e;
}

int
gfc_sweep_same_file(const char *path, const char *data, size_t len)
{
    char *buf;
    size_t n;
    int same;

    if (!gfc_sweep_read(&buf, &n, path, NULL))
        return 0;
    same = (n == len && memcmp(buf, data, len) == 0);
    free(buf);
    return same;
}

int
gfc_sweep_remove_temps(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    int n = 0;

    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL)
    {
        if (strstr(e->d_name, ".tmp.") == NULL)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (unlink(path) == 0)
            n++;
    }
    closedir(d);
    return n;
}

char *
gfc_sweep_read_result(const char *dir, slong i)
{
    char path[4096], name[32], *buf, msg[256];
    gfc_json *v = NULL;
    const gfc_json *ix;
    size_t len;
    int ok;

    gfc_sweep_point_name(name, sizeof(name), i, "result");
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!gfc_sweep_read(&buf, &len, path, NULL))
        return NULL;
    ok = (len > 2 && len < MAX_RESULT_BYTES && buf[len - 1] == '\n'
          && memchr(buf, '\n', len) == buf + len - 1
          && gfc_json_parse(&v, buf, len, msg, sizeof(msg)) == 0);
    if (ok)
    {
        char want[32];

        snprintf(want, sizeof(want), "%ld", (long) i);
        ix = gfc_json_get(v, "index");
        ok = (v->type == GFC_JSON_OBJECT && ix != NULL
              && ix->type == GFC_JSON_NUMBER && strcmp(ix->text, want) == 0);
    }
    gfc_json_free(v);
    if (!ok)
    {
        free(buf);
        return NULL;
    }
    return buf;
}

int
gfc_sweep_write_results(const char *dir, char *const *lines, slong n)
{
    gfc_buf r = { NULL, 0, 0 }, t = { NULL, 0, 0 };
    char path[4096], name[32], *buf;
    size_t len;
    slong i;
    int e;

    gfc_buf_put(&r, "");
    gfc_buf_put(&t, "");
    for (i = 0; i < n; i++)
    {
        if (lines[i] == NULL)
            continue;
        gfc_buf_put(&r, lines[i]);
        gfc_sweep_point_name(name, sizeof(name), i, "time");
        snprintf(path, sizeof(path), "%s/points/%s", dir, name);
        if (gfc_sweep_read(&buf, &len, path, NULL))
        {
            if (len > 0 && buf[len - 1] == '\n'
                && memchr(buf, '\n', len) == buf + len - 1)
                gfc_buf_put(&t, buf);
            free(buf);
        }
    }
    snprintf(path, sizeof(path), "%s/results.jsonl", dir);
    e = gfc_sweep_write_atomic(path, r.s, r.len);
    snprintf(path, sizeof(path), "%s/timings.jsonl", dir);
    if (e == 0)
        e = gfc_sweep_write_atomic(path, t.s, t.len);
    flint_free(r.s);
    flint_free(t.s);
    return e;
}

int
gfc_sweep_lock(const char *dir)
{
    char path[4096];
    int fd;

    snprintf(path, sizeof(path), "%s/.lock", dir);
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    if (flock(fd, LOCK_EX | LOCK_NB) != 0)
    {
        close(fd);
        return -1;
    }
    return fd;
}

int
gfc_sweep_dir_empty(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int empty = 1;

    if (d == NULL)
        return (errno == ENOENT) ? 1 : -1;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            empty = 0;
    closedir(d);
    return empty;
}
