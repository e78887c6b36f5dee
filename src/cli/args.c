/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Command-line numbers shared by the commands.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"

int
gfc_cli_parse_slong(slong *x, const char *s, slong lo, slong hi)
{
    slong v = 0;

    /* Digits only: no sign, no blanks, no base prefix; the range check
       inside the loop keeps v far from overflow. */
    if (s == NULL || *s == '\0')
        return 0;
    for (; *s != '\0'; s++)
    {
        if (*s < '0' || *s > '9' || v > hi)
            return 0;
        v = 10 * v + (*s - '0');
    }
    if (v < lo || v > hi)
        return 0;
    *x = v;
    return 1;
}

int
gfc_cli_bad_usage(const char *cmd, const char *what, const char *arg,
                  const char *usage)
{
    if (arg != NULL)
        fprintf(stderr, "gfcert: %s: %s '%s'\n%s", cmd, what, arg, usage);
    else
        fprintf(stderr, "gfcert: %s: %s\n%s", cmd, what, usage);
    return GFC_BAD_INPUT;
}

int
gfc_cli_option(const char **name, const char **value, char *buf,
               size_t len, int i, int argc, char **argv)
{
    const char *o = argv[i], *eq = strchr(o, '=');

    *name = o;
    *value = (i + 1 < argc) ? argv[i + 1] : NULL;
    if (o[0] == '-' && o[1] == '-' && eq != NULL
        && (size_t) (eq - o) < len)
    {
        memcpy(buf, o, (size_t) (eq - o));
        buf[eq - o] = '\0';
        *name = buf;
        *value = eq + 1;
        return 0;
    }
    return 1;
}
