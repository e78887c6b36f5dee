/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "config.h"
#include "gfcert.h"
#include "gnuplot.h"

/* Exit status of the child when exec itself fails (the shell's
   convention for "command not found"). */
#define EXEC_FAILED 127

int
gfc_plot_dir_init(gfc_plot_dir_t D)
{
    const char *tmp = getenv("TMPDIR");

    if (tmp == NULL || tmp[0] == '\0')
        tmp = "/tmp";
    if ((size_t) snprintf(D->dir, sizeof(D->dir), "%s/gfcert-plot.XXXXXX",
                          tmp) >= sizeof(D->dir)
        || mkdtemp(D->dir) == NULL)
    {
        fprintf(stderr, "gfcert plot: cannot make a temporary directory "
                "under '%s': %s\n", tmp, strerror(errno));
        D->dir[0] = '\0';
        return 0;
    }
    return 1;
}

void
gfc_plot_dir_clear(gfc_plot_dir_t D)
{
    DIR *d;
    struct dirent *e;
    char path[sizeof(D->dir) + 256];

    if (D->dir[0] == '\0')
        return;
    d = opendir(D->dir);
    if (d != NULL)
    {
        while ((e = readdir(d)) != NULL)
        {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(path, sizeof(path), "%s/%s", D->dir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(D->dir);
    D->dir[0] = '\0';
}

FILE *
gfc_plot_dir_open(gfc_plot_dir_t D, const char *name)
{
    char path[sizeof(D->dir) + 256];

    snprintf(path, sizeof(path), "%s/%s", D->dir, name);
    return fopen(path, "w");
}

/* Copy dir/name to dest; 0 when dir/name is missing or empty, -1 when
   dest cannot be written, 1 on success. */
static int
copy_out(const char *dir, const char *name, const char *dest)
{
    char path[4096 + 256], buf[65536];
    FILE *in, *out;
    size_t n, total = 0;
    int ok = 1;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    in = fopen(path, "rb");
    if (in == NULL)
        return 0;
    out = fopen(dest, "wb");
    if (out == NULL)
    {
        fclose(in);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
    {
        total += n;
        if (fwrite(buf, 1, n, out) != n)
            ok = 0;
    }
    ok = !ferror(in) && ok;
    fclose(in);
    ok = (fclose(out) == 0) && ok;
    if (!ok)
        return -1;
    return total > 0;
}

/* Show gnuplot's messages (at most the first 4 kB) on standard error. */
static void
show_log(const char *dir)
{
    char path[4096 + 256], buf[4096];
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/gnuplot.log", dir);
    f = fopen(path, "rb");
    if (f == NULL)
        return;
    n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    if (n > 0)
        fprintf(stderr, "%s%s", buf, buf[n - 1] == '\n' ? "" : "\n");
}

int
gfc_plot_dir_run(gfc_plot_dir_t D, const char *base)
{
    const char *prog = getenv("GFCERT_GNUPLOT");
    char *dest;
    pid_t pid;
    int status, r;

    if (prog == NULL || prog[0] == '\0')
        prog = "gnuplot";
    fflush(NULL);
    pid = fork();
    if (pid < 0)
    {
        fprintf(stderr, "gfcert plot: cannot start gnuplot: %s\n",
                strerror(errno));
        return GFC_INTERNAL;
    }
    if (pid == 0)
    {
        /* The child: gnuplot reads its data with '.' as the decimal
           point whatever the user's locale. */
        int in = open("/dev/null", O_RDONLY), log;
        char *args[3];

        if (chdir(D->dir) != 0)
            _exit(EXEC_FAILED);
        log = open("gnuplot.log", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || log < 0 || dup2(in, 0) < 0 || dup2(log, 1) < 0
            || dup2(log, 2) < 0)
            _exit(EXEC_FAILED);
        unsetenv("LC_ALL");
        setenv("LC_NUMERIC", "C", 1);
        args[0] = (char *) prog;
        args[1] = (char *) "plot.gp";
        args[2] = NULL;
        execvp(prog, args);
        _exit(EXEC_FAILED);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
        {
            fprintf(stderr, "gfcert plot: lost gnuplot: %s\n",
                    strerror(errno));
            return GFC_INTERNAL;
        }
    if (WIFEXITED(status) && WEXITSTATUS(status) == EXEC_FAILED)
    {
        show_log(D->dir);
        fprintf(stderr, "gfcert plot: cannot run '%s' (install the Debian "
                "package gnuplot-nox, or set GFCERT_GNUPLOT)\n", prog);
        return GFC_INTERNAL;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    {
        show_log(D->dir);
        fprintf(stderr, "gfcert plot: gnuplot failed (%s %d)\n",
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return GFC_INTERNAL;
    }

    dest = flint_malloc(strlen(base) + 8);
    strcpy(dest, base);
    strcat(dest, ".svg");
    r = copy_out(D->dir, "plot.svg", dest);
    if (r > 0)
    {
        strcpy(dest + strlen(base), ".pdf");
        r = copy_out(D->dir, "plot.pdf", dest);
    }
    if (r < 0)
        fprintf(stderr, "gfcert: cannot write '%s': %s\n", dest,
                strerror(errno));
    else if (r == 0)
    {
        show_log(D->dir);
        fprintf(stderr, "gfcert plot: gnuplot wrote no %s\n",
                strstr(dest, ".pdf") ? "PDF" : "SVG");
    }
    flint_free(dest);
    return (r > 0) ? 0 : (r < 0) ? GFC_BAD_INPUT : GFC_INTERNAL;
}
