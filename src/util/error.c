/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "gfcert.h"

void
gfc_error_init(gfc_error_t err)
{
    err->msg[0] = '\0';
}

void
gfc_error_set(gfc_error_t err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
}

static void
default_abort(const char *msg)
{
    fprintf(stderr, "gfcert: internal error: %s\n", msg);
    abort();
}

static gfc_abort_handler abort_handler = default_abort;

void
gfc_set_abort_handler(gfc_abort_handler h)
{
    abort_handler = (h != NULL) ? h : default_abort;
}

void
gfc_abort(const char *msg)
{
    abort_handler(msg);
    abort();
}
