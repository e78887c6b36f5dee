/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * Running gnuplot for gfcert plot: a private temporary directory holds
 * the generated script and data files; gnuplot runs there by fork and
 * exec (no shell), and its two pictures are copied to the user's names.
 */
#ifndef GFC_CLI_GNUPLOT_H
#define GFC_CLI_GNUPLOT_H

#include <stdio.h>

typedef struct
{
    char dir[4096];
}
gfc_plot_dir_struct;
typedef gfc_plot_dir_struct gfc_plot_dir_t[1];

/* A new private directory under $TMPDIR (or /tmp).  0 and a message on
   standard error when it cannot be made. */
int gfc_plot_dir_init(gfc_plot_dir_t D);

/* Remove every file of the directory and the directory itself. */
void gfc_plot_dir_clear(gfc_plot_dir_t D);

/* A new file name inside the directory opened for writing ("w"). */
FILE *gfc_plot_dir_open(gfc_plot_dir_t D, const char *name);

/* Run gnuplot (or $GFCERT_GNUPLOT) on the directory's "plot.gp" with the
   directory as working directory, LC_NUMERIC=C and no LC_ALL, standard
   input from /dev/null; the script writes plot.svg and plot.pdf there.
   Then copy them to base.svg and base.pdf.  Returns 0, GFC_BAD_INPUT
   when base.* cannot be written, GFC_INTERNAL when gnuplot is missing,
   fails or writes nothing (its messages are shown). */
int gfc_plot_dir_run(gfc_plot_dir_t D, const char *base);

#endif
