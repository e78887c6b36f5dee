/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert merge OUT SHARDDIR...: the shards of one sweep combined into
 * one directory, byte for byte what a single run writes.  Everything is
 * checked before anything is written: the shards must come from the same
 * sweep file, a point's files must belong together and to its grid
 * point, and a point finished in two places must have the same problem,
 * certificate and result in both.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sweep.h"

static const char usage[] =
    "usage: gfcert merge OUT SHARDDIR... [--quiet]\n"
    "  combine the output directories of gfcert sweep --shard I/N (or of\n"
    "  any runs of the same sweep file) into OUT, which is created or\n"
    "  must hold the same sweep.  Refuses directories of different\n"
    "  sweeps and points whose files differ between directories.\n"
    "exit status: 0 every point of the grid merged, 3 some points are\n"
    "missing (listed; OUT holds the others), 2 bad usage or input.\n";

/* The point's files, in the order they are copied (the result last: a
   point counts as finished once its result is there). */
static const char *const kinds[] = { "problem", "cert", "result" };
#define NKINDS 3

static int
point_file(char *path, size_t len, const char *dir, slong i,
           const char *kind)
{
    char name[32];

    gfc_sweep_point_name(name, sizeof(name), i, kind);
    return snprintf(path, len, "%s/points/%s", dir, name) < (int) len;
}

/* A string member of a JSON object, or NULL. */
static const char *
str_of(const gfc_json *o, const char *key)
{
    const gfc_json *v = (o != NULL) ? gfc_json_get(o, key) : NULL;

    return (v != NULL && v->type == GFC_JSON_STRING) ? v->text : NULL;
}

static int
same_str(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static gfc_json *
parse_file(const char *path)
{
    gfc_json *j = NULL;
    char *buf, msg[256];
    size_t len;

    if (!gfc_sweep_read(&buf, &len, path, NULL))
        return NULL;
    if (gfc_json_parse(&j, buf, len, msg, sizeof(msg)) != 0)
        j = NULL;
    free(buf);
    return j;
}

/* The start of a point's problem names alpha and the shape value of its
   result (every neuron's, for fc). */
static int
start_is(const gfc_json *problem, const char *alpha, const char *shape)
{
    const gfc_json *init = gfc_json_get(problem, "init"), *nv;
    size_t j;

    if (init == NULL || init->type != GFC_JSON_OBJECT)
        return 0;
    nv = gfc_json_get(init, "neurons");
    if (nv == NULL)
        return same_str(str_of(init, "alpha"), alpha)
               && same_str(str_of(init, "s"), shape);
    if (nv->type != GFC_JSON_ARRAY || nv->count == 0)
        return 0;
    for (j = 0; j < nv->count; j++)
        if (!same_str(str_of(nv->items[j], "alpha"), alpha)
            || !same_str(str_of(nv->items[j], "s"), shape))
            return 0;
    return 1;
}

/*
 * A shard's files for point i agree with each other and with the grid:
 * regular files only; the result names point i, its grid values, and its
 * certificate; the certificate names the point's own problem file, whose
 * exact content has the certified digest and whose start is the point's;
 * verdict and bound are the certificate's; the time file names point i.
 * What this cannot see (a problem edited together with a certificate of
 * the edited problem) still cannot pass as another grid point.  Returns
 * 1, or 0 with the reason in why.
 */
static int
consistent(const char *dir, slong i, const gfc_sweep_t S, char *why,
           size_t wlen)
{
    char path[4096], name[64], cname[64], *line;
    gfc_json *res = NULL, *cert = NULL, *prob = NULL, *tm = NULL;
    const gfc_json *pj, *v;
    gfc_problem_t P;
    gfc_error_t err;
    struct stat st;
    char hex[65];
    int k, ok = 0;
    const char *cb, *rb;

    for (k = 0; k <= NKINDS; k++)
    {
        point_file(path, sizeof(path), dir, i,
                   (k < NKINDS) ? kinds[k] : "time");
        if (lstat(path, &st) != 0 && k == NKINDS)
            continue;
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        {
            snprintf(why, wlen, "%s is not a regular file", path);
            return 0;
        }
    }
    snprintf(path, sizeof(path), "%s/points", dir);
    line = gfc_sweep_read_result(path, i);
    if (line != NULL)
    {
        char msg[256];

        if (gfc_json_parse(&res, line, strlen(line), msg, sizeof(msg)) != 0)
            res = NULL;
        free(line);
    }
    point_file(path, sizeof(path), dir, i, "cert");
    cert = parse_file(path);
    point_file(path, sizeof(path), dir, i, "problem");
    prob = parse_file(path);
    gfc_sweep_point_name(name, sizeof(name), i, "problem");
    snprintf(cname, sizeof(cname), "points/p%05ld.cert.json", (long) i);
    pj = (cert != NULL) ? gfc_json_get(cert, "problem") : NULL;
    if (res == NULL || cert == NULL || prob == NULL || pj == NULL)
    {
        snprintf(why, wlen, "point %ld: result, certificate or problem "
                 "does not parse", (long) i);
        goto done;
    }
    v = gfc_json_get(res, "index");
    if (v == NULL || v->type != GFC_JSON_NUMBER
        || strtol(v->text, NULL, 10) != i
        || !same_str(str_of(res, "certificate"), cname)
        || !same_str(str_of(res, "alpha"), gfc_sweep_alpha(S, i))
        || !same_str(str_of(res, "shape_value"), gfc_sweep_shape(S, i))
        || (S->reg != NULL
            && !same_str(str_of(res, "regularizer"), S->reg[i % S->nr]))
        || !start_is(prob, gfc_sweep_alpha(S, i), gfc_sweep_shape(S, i)))
    {
        snprintf(why, wlen, "point %ld: its result or problem is not the "
                 "grid's point %ld", (long) i, (long) i);
        goto done;
    }
    cb = str_of(cert, "bound");
    rb = str_of(res, "bound");
    if (!same_str(str_of(pj, "path"), name)
        || !same_str(str_of(cert, "verdict"), str_of(res, "verdict"))
        || !same_str((cb != NULL) ? cb : "", rb))
    {
        snprintf(why, wlen, "point %ld: the certificate is not the one "
                 "of this point's problem and result", (long) i);
        goto done;
    }
    point_file(path, sizeof(path), dir, i, "problem");
    gfc_problem_init(P);
    gfc_error_init(err);
    if (gfc_problem_load(P, path, err) != 0)
        snprintf(why, wlen, "%s", err->msg);
    else
    {
        gfc_problem_digest_hex(hex, P);
        if (!same_str(str_of(pj, "sha256"), hex))
            snprintf(why, wlen, "point %ld: the certificate's sha256 is "
                     "not the digest of the point's problem", (long) i);
        else
            ok = 1;
    }
    gfc_problem_clear(P);
    point_file(path, sizeof(path), dir, i, "time");
    if (ok && access(path, F_OK) == 0)
    {
        tm = parse_file(path);
        v = (tm != NULL) ? gfc_json_get(tm, "index") : NULL;
        if (v == NULL || v->type != GFC_JSON_NUMBER
            || strtol(v->text, NULL, 10) != i
            || (v = gfc_json_get(tm, "seconds")) == NULL
            || v->type != GFC_JSON_NUMBER || tm->count != 2)
        {
            snprintf(why, wlen, "%s: {\"index\": %ld, \"seconds\": S} "
                     "expected", path, (long) i);
            ok = 0;
        }
    }

done:
    if (res != NULL)
        gfc_json_free(res);
    if (cert != NULL)
        gfc_json_free(cert);
    if (prob != NULL)
        gfc_json_free(prob);
    if (tm != NULL)
        gfc_json_free(tm);
    return ok;
}

/* A point is present in dir when its result is complete and its problem
   and certificate exist: 1.  0 when it is not there; -1 (message
   printed) when its files are there but do not belong together. */
static int
present(const char *dir, slong i, const gfc_sweep_t S)
{
    char pdir[4096], path[4096], why[8192], *line;
    int k;

    snprintf(pdir, sizeof(pdir), "%s/points", dir);
    line = gfc_sweep_read_result(pdir, i);
    if (line == NULL)
        return 0;
    free(line);
    for (k = 0; k < NKINDS - 1; k++)
    {
        point_file(path, sizeof(path), dir, i, kinds[k]);
        if (access(path, R_OK) != 0)
            return 0;
    }
    if (!consistent(dir, i, S, why, sizeof(why)))
    {
        fprintf(stderr, "gfcert merge: %s: %s\n", dir, why);
        return -1;
    }
    return 1;
}

static int
same_files(const char *a, const char *b)
{
    char *x, *y;
    size_t lx, ly;
    int same = 0;

    if (!gfc_sweep_read(&x, &lx, a, NULL))
        return 0;
    if (gfc_sweep_read(&y, &ly, b, NULL))
    {
        same = (lx == ly && memcmp(x, y, lx) == 0);
        free(y);
    }
    free(x);
    return same;
}

static int
copy_file(const char *from, const char *to)
{
    char *buf;
    size_t len;
    int e;

    if (access(to, F_OK) == 0 && same_files(from, to))
        return 1;
    if (!gfc_sweep_read(&buf, &len, from, NULL))
    {
        fprintf(stderr, "gfcert merge: cannot read %s\n", from);
        return 0;
    }
    e = gfc_sweep_write_atomic(to, buf, len);
    free(buf);
    if (e != 0)
        fprintf(stderr, "gfcert merge: cannot write %s: %s\n", to,
                strerror(e));
    return e == 0;
}

/* Data files: the same names with the same bytes in every directory that
   has them. */
static int
check_data(char **dirs, int ndirs, int copy, const char *out)
{
    char path[4096], other[4096];
    int k, j;

    for (k = 0; k < ndirs; k++)
    {
        DIR *d;
        struct dirent *e;

        snprintf(path, sizeof(path), "%s/data", dirs[k]);
        d = opendir(path);
        if (d == NULL)
            continue;
        while ((e = readdir(d)) != NULL)
        {
            if (e->d_name[0] == '.' || strstr(e->d_name, ".tmp.") != NULL)
                continue;
            snprintf(path, sizeof(path), "%s/data/%s", dirs[k], e->d_name);
            for (j = 0; j < ndirs; j++)
            {
                snprintf(other, sizeof(other), "%s/data/%s", dirs[j],
                         e->d_name);
                if (j != k && access(other, F_OK) == 0
                    && !same_files(path, other))
                {
                    fprintf(stderr, "gfcert merge: %s and %s differ: not "
                            "shards of one sweep\n", path, other);
                    closedir(d);
                    return 0;
                }
            }
            snprintf(other, sizeof(other), "%s/data/%s", out, e->d_name);
            if (copy && !copy_file(path, other))
            {
                closedir(d);
                return 0;
            }
        }
        closedir(d);
    }
    return 1;
}

static void
print_missing(const char *flag, slong n)
{
    slong i = 0, shown = 0;

    while (i < n && shown < 20)
    {
        slong j = i;

        if (flag[i])
        {
            i++;
            continue;
        }
        while (j + 1 < n && !flag[j + 1])
            j++;
        if (j == i)
            fprintf(stderr, "%s%ld", shown ? ", " : " ", (long) i);
        else
            fprintf(stderr, "%s%ld-%ld", shown ? ", " : " ", (long) i,
                    (long) j);
        shown++;
        i = j + 1;
    }
    fprintf(stderr, "%s\n", (i < n) ? ", ..." : "");
}

int
gfc_cmd_merge(int argc, char **argv)
{
    const char *out = NULL;
    char **dirs, path[4096], other[4096], *text = NULL, *got;
    slong *src = NULL, i, n = 0, nmissing = 0;
    size_t len = 0;
    gfc_sweep_t S;
    gfc_error_t err;
    char **lines = NULL;
    int ndirs = 0, k, j, c, quiet = 0, st = GFC_BAD_INPUT, lock = -1;
    int out_empty;

    dirs = calloc((size_t) argc + 1, sizeof(char *));
    if (dirs == NULL)
        abort();
    for (k = 1; k < argc; k++)
    {
        if (strcmp(argv[k], "--help") == 0 || strcmp(argv[k], "-h") == 0)
        {
            fputs(usage, stdout);
            free(dirs);
            return 0;
        }
        if (strcmp(argv[k], "--quiet") == 0)
            quiet = 1;
        else if (argv[k][0] == '-' && argv[k][1] != '\0')
        {
            fprintf(stderr, "gfcert merge: unknown option '%s'\n%s",
                    argv[k], usage);
            free(dirs);
            return GFC_BAD_INPUT;
        }
        else if (strlen(argv[k]) > GFC_SWEEP_DIR_MAX)
        {
            fprintf(stderr, "gfcert merge: '%.40s...': a directory name "
                    "of at most %d bytes was expected\n", argv[k],
                    GFC_SWEEP_DIR_MAX);
            free(dirs);
            return GFC_BAD_INPUT;
        }
        else if (out == NULL)
            out = argv[k];
        else
            dirs[ndirs++] = argv[k];
    }
    if (out == NULL || ndirs == 0)
    {
        fprintf(stderr, "gfcert merge: an output directory and at least "
                "one shard directory are required\n%s", usage);
        free(dirs);
        return GFC_BAD_INPUT;
    }
    gfc_sweep_init(S);
    gfc_error_init(err);

    /* One sweep file for all: the shards', and OUT's if it has one. */
    for (k = 0; k < ndirs; k++)
    {
        snprintf(path, sizeof(path), "%s/sweep.json", dirs[k]);
        if (!gfc_sweep_read(&got, &len, path, NULL))
        {
            fprintf(stderr, "gfcert merge: %s: not a sweep directory (no "
                    "readable sweep.json)\n", dirs[k]);
            goto done;
        }
        if (k == 0)
        {
            text = got;
            continue;
        }
        snprintf(other, sizeof(other), "%s/sweep.json", dirs[0]);
        c = same_files(path, other);
        free(got);
        if (!c)
        {
            fprintf(stderr, "gfcert merge: %s differs from %s: shards of "
                    "different sweeps cannot be merged\n", path, other);
            goto done;
        }
    }
    snprintf(path, sizeof(path), "%s/sweep.json", dirs[0]);
    if (gfc_sweep_load(S, path, 0, err) != 0)
    {
        fprintf(stderr, "gfcert merge: %s\n", err->msg);
        goto done;
    }
    len = S->len;
    out_empty = gfc_sweep_dir_empty(out);
    if (out_empty < 0)
    {
        fprintf(stderr, "gfcert merge: cannot read the directory '%s'\n",
                out);
        goto done;
    }
    snprintf(other, sizeof(other), "%s/sweep.json", out);
    if (!out_empty && !gfc_sweep_same_file(other, S->text, S->len))
    {
        fprintf(stderr, "gfcert merge: %s: not empty and not a directory "
                "of the same sweep (its sweep.json differs or is "
                "missing)\n", out);
        goto done;
    }
    /* OUT takes part in the checks like a shard. */
    dirs[ndirs] = (char *) out;
    if (!check_data(dirs, ndirs + (out_empty ? 0 : 1), 0, out))
        goto done;

    n = gfc_sweep_count(S);
    src = malloc((size_t) n * sizeof(slong));
    lines = calloc((size_t) n, sizeof(char *));
    if (src == NULL || lines == NULL)
        abort();
    for (i = 0; i < n; i++)
    {
        src[i] = -1;
        for (k = 0; k < ndirs + (out_empty ? 0 : 1); k++)
        {
            c = present(dirs[k], i, S);
            if (c < 0)
                goto done;
            if (c == 0)
                continue;
            if (src[i] < 0)
            {
                src[i] = k;
                continue;
            }
            for (j = 0; j < NKINDS; j++)
            {
                point_file(path, sizeof(path), dirs[src[i]], i, kinds[j]);
                point_file(other, sizeof(other), dirs[k], i, kinds[j]);
                if (!same_files(path, other))
                {
                    fprintf(stderr, "gfcert merge: point %ld is in %s and "
                            "in %s with different files (%s and %s); "
                            "refusing to choose\n", (long) i,
                            dirs[src[i]], dirs[k], path, other);
                    goto done;
                }
            }
        }
    }

    /* Everything agrees: write. */
    if (mkdir(out, 0755) != 0 && errno != EEXIST)
    {
        fprintf(stderr, "gfcert merge: cannot create '%s': %s\n", out,
                strerror(errno));
        goto done;
    }
    lock = gfc_sweep_lock(out);
    if (lock < 0)
    {
        fprintf(stderr, "gfcert merge: %s: another gfcert sweep or merge "
                "is using this directory\n", out);
        goto done;
    }
    snprintf(path, sizeof(path), "%s/points", out);
    snprintf(other, sizeof(other), "%s/data", out);
    if ((mkdir(path, 0755) != 0 && errno != EEXIST)
        || (mkdir(other, 0755) != 0 && errno != EEXIST))
    {
        fprintf(stderr, "gfcert merge: cannot create the directories of "
                "'%s': %s\n", out, strerror(errno));
        goto done;
    }
    gfc_sweep_remove_temps(path);
    gfc_sweep_remove_temps(other);
    snprintf(path, sizeof(path), "%s/sweep.json", out);
    st = GFC_INTERNAL;
    if (gfc_sweep_write_atomic(path, S->text, S->len) != 0
        || !check_data(dirs, ndirs, 1, out))
        goto done;
    for (i = 0; i < n; i++)
    {
        if (src[i] < 0)
        {
            nmissing++;
            continue;
        }
        if (src[i] == ndirs)
        {
            snprintf(path, sizeof(path), "%s/points", out);
            lines[i] = gfc_sweep_read_result(path, i);
            continue;
        }
        point_file(path, sizeof(path), dirs[src[i]], i, "time");
        point_file(other, sizeof(other), out, i, "time");
        if (access(path, R_OK) == 0 && !copy_file(path, other))
            goto done;
        for (j = 0; j < NKINDS; j++)
        {
            point_file(path, sizeof(path), dirs[src[i]], i, kinds[j]);
            point_file(other, sizeof(other), out, i, kinds[j]);
            if (!copy_file(path, other))
                goto done;
        }
        snprintf(path, sizeof(path), "%s/points", out);
        lines[i] = gfc_sweep_read_result(path, i);
    }
    if (gfc_sweep_write_results(out, lines, n) != 0)
    {
        fprintf(stderr, "gfcert merge: cannot write %s/results.jsonl\n",
                out);
        goto done;
    }
    if (nmissing > 0)
    {
        char *flag = malloc((size_t) n);

        if (flag == NULL)
            abort();
        for (i = 0; i < n; i++)
            flag[i] = (src[i] >= 0);
        fprintf(stderr, "gfcert merge: %ld of %ld points are missing "
                "(run their shards again with --resume, then merge "
                "again):", (long) nmissing, (long) n);
        print_missing(flag, n);
        free(flag);
        st = GFC_INCONCLUSIVE;
    }
    else
        st = 0;
    if (!quiet)
        printf("merge %s: %ld of %ld points from %d director%s\n", out,
               (long) (n - nmissing), (long) n, ndirs,
               (ndirs > 1) ? "ies" : "y");

done:
    if (lines != NULL)
        for (i = 0; i < n; i++)
            free(lines[i]);
    free(lines);
    free(src);
    free(text);
    free(dirs);
    if (lock >= 0)
        close(lock);
    gfc_sweep_clear(S);
    return st;
}
