/* SPDX-License-Identifier: LGPL-3.0-or-later */
#ifndef GFC_CLI_CERTIFY_H
#define GFC_CLI_CERTIFY_H

/* gfcert certify / flow / verify; argv[0] is the subcommand. */
int gfc_cmd_certify(int argc, char **argv);
int gfc_cmd_flow(int argc, char **argv);
int gfc_cmd_verify(int argc, char **argv);

/* The built-in default problem (the paper's diagonal instance). */
const char *gfc_default_problem(void);

#endif
