/* SPDX-License-Identifier: LGPL-3.0-or-later */
#ifndef GFC_CLI_H
#define GFC_CLI_H

#include "gfcert.h"

/* A decimal integer in [lo, hi] written with digits only: 1 and *x set,
   or 0 and *x untouched. */
int gfc_cli_parse_slong(slong *x, const char *s, slong lo, slong hi);

/* argv[i] as an option name and its value: "--name=value" gives name
   (copied into buf of len bytes) and value, and returns 0; anything else
   gives argv[i] and argv[i + 1] (NULL at the end) and returns 1, the
   number of further arguments an option with a value takes. */
int gfc_cli_option(const char **name, const char **value, char *buf,
                   size_t len, int i, int argc, char **argv);

/* "gfcert: CMD: WHAT 'ARG'" (or without ARG) and the usage text on
   standard error; returns GFC_BAD_INPUT. */
int gfc_cli_bad_usage(const char *cmd, const char *what, const char *arg,
                      const char *usage);

/* gfcert bias PROBLEM [--digits N] [--max-prec BITS] [--json]; argv[0]
   is "bias".  Returns the exit status: 0 proven to the requested digits,
   3 not (the reason is printed), 2 bad usage or bad input. */
int gfc_cmd_bias(int argc, char **argv);

/* gfcert table RESULTS [--format latex|csv|md] [--columns LIST]
   [--digits N] [--out FILE]: 0 written, 2 bad usage or input, 4 a
   printed figure failed its exact check. */
int gfc_cmd_table(int argc, char **argv);

/* gfcert plot KIND ... --out BASENAME: BASENAME.svg and BASENAME.pdf
   through gnuplot.  0 written, 2 bad usage or input, 4 gnuplot missing
   or failing. */
int gfc_cmd_plot(int argc, char **argv);

/* gfcert derive MODEL [--dim D] [--neurons M] [--record FILE]; argv[0] is
   "derive".  Returns 0 when every check is proved, 1 when one fails, 2
   on bad usage or an unwritable record. */
int gfc_cmd_derive(int argc, char **argv);

#endif
