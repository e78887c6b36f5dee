/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include "config.h"
#include "gfcert.h"

const char *
gfc_version(void)
{
    return PACKAGE_VERSION;
}
