/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include <stdio.h>
#include "gfcert.h"

int
main(void)
{
    printf("gfcert %s\n", gfc_version());
    return 0;
}
