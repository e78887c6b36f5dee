/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert sweep and gfcert merge: a grid of problems certified one point
 * per process, written into a directory that survives kill -9.  The file
 * formats are in doc/sweep.md; the output directory follows the contract
 * given there (results.jsonl, points/pNNNNN.*.json, timings.jsonl).
 */
#ifndef GFC_CLI_SWEEP_H
#define GFC_CLI_SWEEP_H

#include "gfcert.h"
#include "problem.h"
#include "report.h"

/* Index width of the point files: pNNNNN, so at most 10^5 points. */
#define GFC_SWEEP_MAX_POINTS 100000

/* Longest output or shard directory name accepted, so that every path
   built inside it fits the 4096-byte buffers. */
#define GFC_SWEEP_DIR_MAX 3000

/* A data file of the base problem, copied into DIR/data/ under a name
   made from its JSON path, so that DIR holds everything verify needs. */
typedef struct
{
    const gfc_json *node;       /* the string naming it in the base */
    char *src;                  /* where it is read from */
    char *name;                 /* file name inside DIR/data/ */
}
gfc_sweep_data;

typedef struct
{
    char *file;                 /* the sweep file as given */
    char *text;                 /* its bytes */
    size_t len;
    char *base_file;            /* the base problem, resolved */
    gfc_json *base;             /* its JSON tree (NULL for a merge) */
    gfc_model_kind model;
    slong na, ns, nr;           /* grid sizes: alpha, shape, regularizer */
    char **alpha;               /* exact decimal texts */
    char **shape;
    char **reg;                 /* regularizer names; NULL: the base's */
    slong digits;
    double max_time;
    slong max_prec;
    /* Nodes of the base tree replaced at every point. */
    slong nalpha_nodes;
    const gfc_json **alpha_nodes;
    const gfc_json **shape_nodes;
    const gfc_json *reg_node;
    slong ndata;
    gfc_sweep_data *data;
}
gfc_sweep_struct;
typedef gfc_sweep_struct gfc_sweep_t[1];

void gfc_sweep_init(gfc_sweep_t S);
void gfc_sweep_clear(gfc_sweep_t S);

/* Read and check a sweep file.  With base nonzero also read the base
   problem (validating it with gfc_problem_load) and find its data files;
   without, only the grid is read (enough for a merge, which needs the
   number of points).  Returns 0 or GFC_BAD_INPUT with a message naming
   the file and the JSON path. */
int gfc_sweep_load(gfc_sweep_t S, const char *path, int base,
                   gfc_error_t err);

static inline slong
gfc_sweep_count(const gfc_sweep_t S)
{
    return S->na * S->ns * S->nr;
}

/* Grid values of point i (row-major: alpha slowest, then shape, then
   regularizer). */
const char *gfc_sweep_alpha(const gfc_sweep_t S, slong i);
const char *gfc_sweep_shape(const gfc_sweep_t S, slong i);

/* The point's problem file (DIR/points/pNNNNN.problem.json): the base
   with the start's alpha and s (and the regularizer) replaced and data
   file names pointing into DIR/data/.  Caller frees with flint_free. */
char *gfc_sweep_problem_text(const gfc_sweep_t S, slong i);

/* ---- files in the output directory (sweep_dir.c) ---- */

/* Name of a point file: "pNNNNN.<kind>.json" in buf. */
void gfc_sweep_point_name(char *buf, size_t len, slong i, const char *kind);

/* Whole file into a NUL-terminated buffer (free with free); 0 when it
   cannot be read.  A missing file sets *missing when given. */
int gfc_sweep_read(char **buf, size_t *len, const char *path, int *missing);

/* Write bytes to path atomically: a temporary file NAME.tmp.PID beside
   it, fsync, rename, fsync of the directory.  Returns 0 or errno. */
int gfc_sweep_write_atomic(const char *path, const char *data, size_t len);

/* 1 when the file at path holds exactly data[0..len). */
int gfc_sweep_same_file(const char *path, const char *data, size_t len);

/* Remove temporary files (names containing ".tmp.") left in dir by a
   writer that was killed.  Returns the number removed. */
int gfc_sweep_remove_temps(const char *dir);

/* A result file's line when it is complete (one JSON object with the
   right index, ending in a newline); NULL otherwise.  Free with free. */
char *gfc_sweep_read_result(const char *dir, slong i);

/* Rebuild DIR/results.jsonl from lines[0..n) (NULL: not finished) and
   DIR/timings.jsonl from the points' time files, atomically.  Returns 0
   or errno. */
int gfc_sweep_write_results(const char *dir, char *const *lines, slong n);

/* Take an exclusive lock on DIR/.lock; returns the descriptor or -1. */
int gfc_sweep_lock(const char *dir);

/* 1 when dir does not exist or is empty; -1 when it cannot be read. */
int gfc_sweep_dir_empty(const char *dir);

/* ---- one point (sweep_point.c) ---- */

/* Hooks that simulate a crash, read from GFCERT_SWEEP_CRASH (tests). */
typedef struct
{
    slong parent_after;         /* kill everything after this many points */
    slong point;                /* kill this point's worker ... */
    int stage;                  /* ... at this stage (GFC_SWEEP_CRASH_*) */
}
gfc_sweep_crash;

#define GFC_SWEEP_CRASH_NONE 0
#define GFC_SWEEP_CRASH_PROBLEM 1   /* after writing the problem file */
#define GFC_SWEEP_CRASH_CERT 2      /* after writing the certificate */
#define GFC_SWEEP_CRASH_TEMP 3      /* half-way through the result */

void gfc_sweep_crash_read(gfc_sweep_crash *c);

/* Certify point i in the current directory (DIR/points): write the
   problem, certificate, time and result files.  Runs in a worker process
   and returns its exit status: 0 when the files are written, 2 when the
   point's problem is refused (message on stderr), 4 otherwise. */
int gfc_sweep_run_point(const gfc_sweep_t S, slong i,
                        const gfc_sweep_crash *crash);

/* ---- commands ---- */

int gfc_cmd_sweep(int argc, char **argv);
int gfc_cmd_merge(int argc, char **argv);

#endif
