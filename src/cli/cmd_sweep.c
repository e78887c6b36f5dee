/* SPDX-License-Identifier: LGPL-3.0-or-later */
/*
 * gfcert sweep: certify every point of a grid, one forked worker per
 * point and at most --jobs of them at a time.  Workers share nothing
 * with the parent but the read-only sweep; each writes its own files and
 * exits, so a point is finished exactly when its result file exists, and
 * the order in which workers finish cannot change any byte of the output.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include "cli.h"
#include "cert.h"
#include "sweep.h"

#define MAX_JOBS 256
/* results.jsonl is rebuilt at most this often while points finish (and
   always at the end), so that a sweep of many fast points does not spend
   its time rewriting the file. */
#define REBUILD_SECONDS 1.0

static const char usage[] =
    "usage: gfcert sweep SWEEP.json --out DIR [--jobs N] [--resume]\n"
    "                    [--shard I/N] [--quiet]\n"
    "  certify every point of the sweep's grid (doc/sweep.md) and write\n"
    "  DIR/results.jsonl, DIR/points/pNNNNN.cert.json, timings.jsonl.\n"
    "  --jobs N     points certified at the same time (default 1)\n"
    "  --resume     continue in a DIR of the same sweep: only unfinished\n"
    "               points are certified\n"
    "  --shard I/N  only the points whose index is I-1 modulo N\n"
    "  --quiet      no line per finished point on standard error\n"
    "exit status: 0 every point finished (whatever its verdict), 2 bad\n"
    "usage or input, 4 a worker failed (run again with --resume).\n";

typedef struct
{
    const char *sweep;
    const char *out;
    slong jobs;
    slong shard_i, shard_n;
    int resume;
    int quiet;
}
args_t;

static int
parse_shard(args_t *a, const char *v)
{
    char buf[64], *slash;

    if (v == NULL || strlen(v) >= sizeof(buf))
        return 0;
    strcpy(buf, v);
    slash = strchr(buf, '/');
    if (slash == NULL)
        return 0;
    *slash = '\0';
    return gfc_cli_parse_slong(&a->shard_n, slash + 1, 1, GFC_SWEEP_MAX_POINTS)
           && gfc_cli_parse_slong(&a->shard_i, buf, 1, a->shard_n);
}

static int
parse_args(args_t *a, int argc, char **argv)
{
    int i;

    memset(a, 0, sizeof(*a));
    a->jobs = 1;
    a->shard_i = a->shard_n = 1;
    for (i = 1; i < argc; i++)
    {
        const char *o, *v;
        char name[32];
        int step = gfc_cli_option(&o, &v, name, sizeof(name), i, argc,
                                  argv);

        if (step == 0 && (strcmp(o, "--resume") == 0
                          || strcmp(o, "--quiet") == 0
                          || strcmp(o, "--help") == 0))
        {
            fprintf(stderr, "gfcert sweep: %s takes no value\n", o);
            return 0;
        }
        if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0)
        {
            fputs(usage, stdout);
            return -1;
        }
        if (strcmp(o, "--resume") == 0)
            a->resume = 1;
        else if (strcmp(o, "--quiet") == 0)
            a->quiet = 1;
        else if (strcmp(o, "--jobs") == 0 && (i += step, 1))
        {
            if (!gfc_cli_parse_slong(&a->jobs, v, 1, MAX_JOBS))
            {
                fprintf(stderr, "gfcert sweep: --jobs expects an integer "
                        "from 1 to %d\n", MAX_JOBS);
                return 0;
            }
        }
        else if (strcmp(o, "--shard") == 0 && (i += step, 1))
        {
            if (!parse_shard(a, v))
            {
                fprintf(stderr, "gfcert sweep: --shard expects I/N with "
                        "1 <= I <= N (for example 2/8)\n");
                return 0;
            }
        }
        else if (strcmp(o, "--out") == 0 && (i += step, 1))
        {
            if (v == NULL || *v == '\0')
            {
                fprintf(stderr, "gfcert sweep: --out expects a "
                        "directory\n");
                return 0;
            }
            a->out = v;
            if (strlen(v) > GFC_SWEEP_DIR_MAX)
            {
                fprintf(stderr, "gfcert sweep: --out: a directory name "
                        "of at most %d bytes was expected\n",
                        GFC_SWEEP_DIR_MAX);
                return 0;
            }
        }
        else if (o[0] == '-' && o[1] != '\0')
        {
            fprintf(stderr, "gfcert sweep: unknown option '%s' (see "
                    "gfcert sweep --help)\n", o);
            return 0;
        }
        else if (a->sweep == NULL)
            a->sweep = o;
        else
        {
            fprintf(stderr, "gfcert sweep: more than one sweep file given "
                    "('%s', '%s')\n", a->sweep, o);
            return 0;
        }
    }
    if (a->sweep == NULL || a->out == NULL)
    {
        fprintf(stderr, "gfcert sweep: a sweep file and --out DIR are "
                "required\n%s", usage);
        return 0;
    }
    return 1;
}

static int
make_dir(const char *path)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return 1;
    fprintf(stderr, "gfcert sweep: cannot create the directory '%s': %s\n",
            path, strerror(errno));
    return 0;
}

/* DIR ready for this sweep: new or empty, or (with --resume) holding
   the same sweep file; locked against a second sweep; temporaries of a
   killed run removed; the base problem's data copied in. */
static int
prepare_dir(const gfc_sweep_t S, const args_t *a, int *lock)
{
    char path[4096];
    int empty = gfc_sweep_dir_empty(a->out);
    slong k;
    int missing;

    if (empty < 0)
    {
        fprintf(stderr, "gfcert sweep: cannot read the directory '%s': "
                "%s\n", a->out, strerror(errno));
        return GFC_BAD_INPUT;
    }
    snprintf(path, sizeof(path), "%s/sweep.json", a->out);
    if (!empty && !a->resume)
    {
        fprintf(stderr, "gfcert sweep: %s: the directory is not empty; "
                "give --resume to continue the sweep in it, or choose a "
                "new directory\n", a->out);
        return GFC_BAD_INPUT;
    }
    if (!empty && !gfc_sweep_same_file(path, S->text, S->len))
    {
        char *buf;
        size_t len;

        if (!gfc_sweep_read(&buf, &len, path, &missing))
            fprintf(stderr, "gfcert sweep: %s: not a sweep directory (no "
                    "readable sweep.json)\n", a->out);
        else
        {
            free(buf);
            fprintf(stderr, "gfcert sweep: %s: differs from %s; --resume "
                    "continues only the sweep that DIR was made for\n",
                    path, S->file);
        }
        return GFC_BAD_INPUT;
    }
    if (!make_dir(a->out))
        return GFC_BAD_INPUT;
    *lock = gfc_sweep_lock(a->out);
    if (*lock < 0)
    {
        fprintf(stderr, "gfcert sweep: %s: another gfcert sweep or merge "
                "is using this directory\n", a->out);
        return GFC_BAD_INPUT;
    }
    snprintf(path, sizeof(path), "%s/points", a->out);
    if (!make_dir(path))
        return GFC_BAD_INPUT;
    gfc_sweep_remove_temps(path);
    snprintf(path, sizeof(path), "%s/data", a->out);
    if (!make_dir(path))
        return GFC_BAD_INPUT;
    gfc_sweep_remove_temps(path);
    gfc_sweep_remove_temps(a->out);
    snprintf(path, sizeof(path), "%s/sweep.json", a->out);
    if (empty && (k = gfc_sweep_write_atomic(path, S->text, S->len)) != 0)
    {
        fprintf(stderr, "gfcert sweep: cannot write %s: %s\n", path,
                strerror((int) k));
        return GFC_BAD_INPUT;
    }
    for (k = 0; k < S->ndata; k++)
    {
        char *buf;
        size_t len;
        int e;

        if (!gfc_sweep_read(&buf, &len, S->data[k].src, NULL))
        {
            fprintf(stderr, "gfcert sweep: cannot read %s\n",
                    S->data[k].src);
            return GFC_BAD_INPUT;
        }
        snprintf(path, sizeof(path), "%s/data/%s", a->out, S->data[k].name);
        e = 0;
        if (access(path, F_OK) == 0)
        {
            if (!gfc_sweep_same_file(path, buf, len))
            {
                fprintf(stderr, "gfcert sweep: %s differs from %s: the "
                        "base problem's data changed since the sweep "
                        "started\n", path, S->data[k].src);
                e = -1;
            }
        }
        else if ((e = gfc_sweep_write_atomic(path, buf, len)) != 0)
            fprintf(stderr, "gfcert sweep: cannot write %s: %s\n", path,
                    strerror(e));
        free(buf);
        if (e != 0)
            return GFC_BAD_INPUT;
    }
    return 0;
}

/* The finished points already in DIR.  A result without its certificate
   or with a damaged line is discarded (the point runs again); a point
   whose problem file differs from the one this sweep builds means the
   base problem changed, which --resume refuses. */
static int
read_finished(char **lines, const gfc_sweep_t S, const char *dir,
              int quiet)
{
    char pdir[4096], path[4096], name[32];
    slong i, n = gfc_sweep_count(S);

    snprintf(pdir, sizeof(pdir), "%s/points", dir);
    for (i = 0; i < n; i++)
    {
        char *text;
        int same;

        gfc_sweep_point_name(name, sizeof(name), i, "result");
        snprintf(path, sizeof(path), "%s/points/%s", dir, name);
        if (access(path, F_OK) != 0)
            continue;
        lines[i] = gfc_sweep_read_result(pdir, i);
        gfc_sweep_point_name(name, sizeof(name), i, "cert");
        snprintf(path, sizeof(path), "%s/points/%s", dir, name);
        if (lines[i] == NULL || access(path, F_OK) != 0)
        {
            if (!quiet)
                fprintf(stderr, "gfcert sweep: point %ld: incomplete "
                        "files; it is certified again\n", (long) i);
            free(lines[i]);
            lines[i] = NULL;
            gfc_sweep_point_name(name, sizeof(name), i, "result");
            snprintf(path, sizeof(path), "%s/points/%s", dir, name);
            unlink(path);
            continue;
        }
        gfc_sweep_point_name(name, sizeof(name), i, "problem");
        snprintf(path, sizeof(path), "%s/points/%s", dir, name);
        text = gfc_sweep_problem_text(S, i);
        same = gfc_sweep_same_file(path, text, strlen(text));
        flint_free(text);
        if (!same)
        {
            fprintf(stderr, "gfcert sweep: %s differs from the problem "
                    "this sweep builds for point %ld: the base problem "
                    "changed since the sweep started\n", path, (long) i);
            return GFC_BAD_INPUT;
        }
    }
    return 0;
}

/* The verdict of a result line, for the progress and summary lines. */
static const char *
line_verdict(const char *line)
{
    if (strstr(line, "\"verdict\":\"MATCH\"") != NULL)
        return "MATCH";
    if (strstr(line, "\"verdict\":\"MISMATCH\"") != NULL)
        return "MISMATCH";
    return "INCONCLUSIVE";
}

static double
point_seconds(const char *dir, slong i)
{
    char path[4096], name[32], *buf, *p;
    size_t len;
    double s = 0;

    gfc_sweep_point_name(name, sizeof(name), i, "time");
    snprintf(path, sizeof(path), "%s/points/%s", dir, name);
    if (gfc_sweep_read(&buf, &len, path, NULL))
    {
        p = strstr(buf, "\"seconds\":");
        if (p != NULL)
            s = strtod(p + 10, NULL);
        free(buf);
    }
    return s;
}

static pid_t
start_worker(const gfc_sweep_t S, slong i, const char *dir, int lock,
             const gfc_sweep_crash *crash)
{
    char pdir[4096];
    pid_t pid;

    fflush(NULL);
    pid = fork();
    if (pid != 0)
        return pid;

    /* The worker: the lock stays with the parent, and a worker whose
       parent was killed stops too rather than racing a resumed run. */
    close(lock);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() == 1)
        _exit(GFC_INTERNAL);
#endif
    snprintf(pdir, sizeof(pdir), "%s/points", dir);
    if (chdir(pdir) != 0)
    {
        fprintf(stderr, "gfcert sweep: cannot enter %s: %s\n", pdir,
                strerror(errno));
        _exit(GFC_INTERNAL);
    }
    {
        int st = gfc_sweep_run_point(S, i, crash);

        fflush(NULL);
        _exit(st);
    }
}

typedef struct
{
    pid_t pid;
    slong index;
}
worker_t;

int
gfc_cmd_sweep(int argc, char **argv)
{
    args_t a;
    gfc_sweep_t S;
    gfc_error_t err;
    gfc_sweep_crash crash;
    worker_t *w = NULL;
    char **lines = NULL;
    slong *todo = NULL, ntodo = 0, next = 0, alive = 0, done = 0;
    slong i, n, counts[3] = { 0, 0, 0 }, in_shard = 0, finished = 0;
    double last = 0, start = gfc_clock();
    int st, lock = -1, bad = 0, failed = 0;

    st = parse_args(&a, argc, argv);
    if (st <= 0)
        return (st < 0) ? 0 : GFC_BAD_INPUT;
    gfc_sweep_crash_read(&crash);
    gfc_sweep_init(S);
    gfc_error_init(err);
    if (gfc_sweep_load(S, a.sweep, 1, err) != 0)
    {
        fprintf(stderr, "gfcert sweep: %s\n", err->msg);
        gfc_sweep_clear(S);
        return GFC_BAD_INPUT;
    }
    n = gfc_sweep_count(S);
    st = prepare_dir(S, &a, &lock);
    lines = calloc((size_t) n, sizeof(char *));
    todo = calloc((size_t) n, sizeof(slong));
    w = calloc((size_t) a.jobs, sizeof(worker_t));
    if (lines == NULL || todo == NULL || w == NULL)
        abort();
    if (st == 0)
        st = read_finished(lines, S, a.out, a.quiet);
    if (st != 0)
        goto cleanup;
    for (i = a.shard_i - 1; i < n; i += a.shard_n)
        if (lines[i] == NULL)
            todo[ntodo++] = i;
    if (!a.quiet)
        fprintf(stderr, "gfcert sweep: %ld points to certify (%ld "
                "finished before) with %ld job%s\n", (long) ntodo,
                (long) ((n + a.shard_n - a.shard_i) / a.shard_n - ntodo),
                (long) a.jobs, (a.jobs > 1) ? "s" : "");
    gfc_sweep_write_results(a.out, lines, n);

    while ((next < ntodo && !bad) || alive > 0)
    {
        int status;
        pid_t pid;
        slong k;

        while (alive < a.jobs && next < ntodo && !bad)
        {
            pid = start_worker(S, todo[next], a.out, lock, &crash);
            if (pid < 0)
            {
                fprintf(stderr, "gfcert sweep: cannot start a worker: "
                        "%s\n", strerror(errno));
                failed = 1;
                bad = 1;
                break;
            }
            for (k = 0; w[k].pid != 0; k++)
                ;
            w[k].pid = pid;
            w[k].index = todo[next++];
            alive++;
        }
        if (alive == 0)
            break;
        pid = waitpid(-1, &status, 0);
        if (pid < 0)
        {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "gfcert sweep: waitpid: %s\n", strerror(errno));
            failed = 1;
            break;
        }
        for (k = 0; k < a.jobs && w[k].pid != pid; k++)
            ;
        if (k == a.jobs)
            continue;
        i = w[k].index;
        w[k].pid = 0;
        alive--;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        {
            char pdir[4096];

            snprintf(pdir, sizeof(pdir), "%s/points", a.out);
            lines[i] = gfc_sweep_read_result(pdir, i);
            done++;
            if (!a.quiet && lines[i] != NULL)
                fprintf(stderr, "[%ld/%ld] point %ld (alpha %s, s %s): "
                        "%s, %.2f s\n", (long) done, (long) ntodo,
                        (long) i, gfc_sweep_alpha(S, i),
                        gfc_sweep_shape(S, i), line_verdict(lines[i]),
                        point_seconds(a.out, i));
        }
        else if (WIFEXITED(status) && WEXITSTATUS(status) == GFC_BAD_INPUT)
            bad = 1;
        else
        {
            failed = 1;
            if (WIFSIGNALED(status))
                fprintf(stderr, "gfcert sweep: point %ld: the worker was "
                        "ended by signal %d\n", (long) i,
                        WTERMSIG(status));
            else
                fprintf(stderr, "gfcert sweep: point %ld: the worker "
                        "failed (exit status %d)\n", (long) i,
                        WEXITSTATUS(status));
        }
        if (crash.parent_after >= 0 && done >= crash.parent_after)
        {
            /* Simulated kill -9 of the whole sweep (tests). */
            for (k = 0; k < a.jobs; k++)
                if (w[k].pid != 0)
                    kill(w[k].pid, SIGKILL);
            raise(SIGKILL);
        }
        if (gfc_clock() - last >= REBUILD_SECONDS)
        {
            gfc_sweep_write_results(a.out, lines, n);
            last = gfc_clock();
        }
    }
    if (gfc_sweep_write_results(a.out, lines, n) != 0)
    {
        fprintf(stderr, "gfcert sweep: cannot write %s/results.jsonl\n",
                a.out);
        failed = 1;
    }

    for (i = a.shard_i - 1; i < n; i += a.shard_n)
    {
        in_shard++;
        if (lines[i] == NULL)
            continue;
        finished++;
        st = (strcmp(line_verdict(lines[i]), "MATCH") == 0) ? 0
             : (strcmp(line_verdict(lines[i]), "MISMATCH") == 0) ? 1 : 2;
        counts[st]++;
    }
    printf("sweep %s: %ld of %ld points finished%s: %ld MATCH, "
           "%ld MISMATCH, %ld INCONCLUSIVE (%.1f s)\n", a.out,
           (long) finished, (long) in_shard,
           (a.shard_n > 1) ? " in this shard" : "", (long) counts[0],
           (long) counts[1], (long) counts[2], gfc_clock() - start);
    st = bad ? GFC_BAD_INPUT : failed ? GFC_INTERNAL : 0;
    if (failed && !bad)
        fprintf(stderr, "gfcert sweep: some points did not finish; run "
                "the same command with --resume to certify them\n");

cleanup:
    if (lines != NULL)
        for (i = 0; i < n; i++)
            free(lines[i]);
    free(lines);
    free(todo);
    free(w);
    if (lock >= 0)
        close(lock);
    gfc_sweep_clear(S);
    return st;
}
