/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "gfcert.h"
#include "cli.h"
#include "certify.h"
#include "sweep.h"

static const char usage[] =
    "usage: gfcert COMMAND [ARGS]\n"
    "\n"
    "  certify [PROBLEM] [--digits N] [--max-time S] [--max-prec BITS]\n"
    "          [--out CERT.json] [--json] [--quiet]\n"
    "      prove where gradient flow ends and compare it with the\n"
    "      minimiser of the problem's regularizer; with no PROBLEM, the\n"
    "      built-in default (the paper's diagonal instance)\n"
    "  verify CERT.json [PROBLEM] [--prec BITS] [--max-prec BITS]\n"
    "      recompute every claim of a certificate\n"
    "  bias PROBLEM [--digits N] [--max-prec BITS] [--json]\n"
    "      certified minimiser of the regularizer only\n"
    "  flow PROBLEM [--digits N] [--max-time S] [--max-prec BITS]\n"
    "          [--trajectory FILE.csv] [--out CERT.json] [--json] [--quiet]\n"
    "      certified limit of the flow only\n"
    "  sweep SWEEP.json --out DIR [--jobs N] [--resume] [--shard I/N]\n"
    "          [--quiet]\n"
    "      certify every point of a grid of scales and shapes\n"
    "  merge OUT SHARDDIR... [--quiet]\n"
    "      combine the outputs of sweep shards\n"
    "  table RESULTS [--format latex|csv|md] [--columns LIST] [--digits N]\n"
    "          [--out FILE]\n"
    "      a sweep's results as a table of certified figures\n"
    "  plot pop-error RESULTS | trajectory FILE.csv | regularizer [--k LIST]\n"
    "          --out BASENAME\n"
    "      BASENAME.svg and BASENAME.pdf through gnuplot\n"
    "  derive MODEL [--dim D] [--neurons M] [--record FILE]\n"
    "      prove a model's symbolic facts (diag, fc1, fc) exactly\n"
    "\n"
    "exit status: 0 MATCH (or proven), 1 MISMATCH, 2 bad usage or input,\n"
    "3 INCONCLUSIVE, 4 internal error.  See gfcert(1).\n";

int
main(int argc, char **argv)
{
    int st;

    if (argc < 2 || strcmp(argv[1], "--help") == 0
        || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)
    {
        fputs(usage, argc < 2 ? stderr : stdout);
        return (argc < 2) ? GFC_BAD_INPUT : 0;
    }
    if (strcmp(argv[1], "--version") == 0)
    {
        printf("gfcert %s\n", gfc_version());
        return 0;
    }
    if (strcmp(argv[1], "certify") == 0)
        st = gfc_cmd_certify(argc - 1, argv + 1);
    else if (strcmp(argv[1], "flow") == 0)
        st = gfc_cmd_flow(argc - 1, argv + 1);
    else if (strcmp(argv[1], "verify") == 0)
        st = gfc_cmd_verify(argc - 1, argv + 1);
    else if (strcmp(argv[1], "bias") == 0)
        st = gfc_cmd_bias(argc - 1, argv + 1);
    else if (strcmp(argv[1], "sweep") == 0)
        st = gfc_cmd_sweep(argc - 1, argv + 1);
    else if (strcmp(argv[1], "merge") == 0)
        st = gfc_cmd_merge(argc - 1, argv + 1);
    else if (strcmp(argv[1], "table") == 0)
        st = gfc_cmd_table(argc - 1, argv + 1);
    else if (strcmp(argv[1], "plot") == 0)
        st = gfc_cmd_plot(argc - 1, argv + 1);
    else if (strcmp(argv[1], "derive") == 0)
        st = gfc_cmd_derive(argc - 1, argv + 1);
    else
    {
        fprintf(stderr, "gfcert: unknown command '%s'\n%s", argv[1], usage);
        st = GFC_BAD_INPUT;
    }
    /* Output that could not be written (a full disk, a closed pipe) is
       a failure, not a result. */
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "gfcert: cannot write the output: %s\n",
                strerror(errno));
        st = GFC_INTERNAL;
    }
    /* Release FLINT's caches so leak checkers see a clean exit. */
    flint_cleanup();
    return st;
}
