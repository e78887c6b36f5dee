/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include "problem.h"
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
gfc_qarray_init(gfc_qarray_t A)
{
    A->ndim = 0;
    A->rows = 0;
    A->cols = 0;
    A->v = NULL;
}

void
gfc_qarray_clear(gfc_qarray_t A)
{
    if (A->v != NULL)
        _fmpq_vec_clear(A->v, A->rows * A->cols);
    gfc_qarray_init(A);
}

int
gfc_read_file(char **buf, size_t *len, const char *path, size_t cap,
              gfc_error_t err)
{
    FILE *f;
    char *b = NULL;
    size_t n = 0, alloc = 0;
    struct stat st;

    *buf = NULL;
    *len = 0;
    /* Opening a FIFO would block until a writer comes: refuse anything
       that is neither a regular file nor a character device (which the
       size cap below bounds). */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode))
    {
        gfc_error_set(err, "%s: not a regular file", path);
        return GFC_BAD_INPUT;
    }
    f = fopen(path, "rb");
    if (f == NULL)
    {
        gfc_error_set(err, "%s: cannot open: %s", path, strerror(errno));
        return GFC_BAD_INPUT;
    }
    /* Read in growing chunks rather than trusting a size from stat: the
       path may be a pipe or device, and the cap must hold either way. */
    for (;;)
    {
        size_t got;

        if (n == alloc)
        {
            size_t na = (alloc == 0) ? 65536 : 2 * alloc;
            char *nb;

            if (na > cap + 1)
                na = cap + 1;
            if (na <= alloc)
            {
                gfc_error_set(err,
                              "%s: the file is larger than %zu bytes, the "
                              "limit for this kind of file",
                              path, cap);
                free(b);
                fclose(f);
                return GFC_BAD_INPUT;
            }
            nb = realloc(b, na + 1);
            if (nb == NULL)
            {
                gfc_error_set(err, "%s: out of memory reading the file", path);
                free(b);
                fclose(f);
                return GFC_BAD_INPUT;
            }
            b = nb;
            alloc = na;
        }
        got = fread(b + n, 1, alloc - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f))
    {
        gfc_error_set(err, "%s: read error: %s", path, strerror(errno));
        free(b);
        fclose(f);
        return GFC_BAD_INPUT;
    }
    fclose(f);
    if (n > cap)
    {
        gfc_error_set(err,
                      "%s: the file is larger than %zu bytes, the limit for "
                      "this kind of file",
                      path, cap);
        free(b);
        return GFC_BAD_INPUT;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}
