/* SPDX-License-Identifier: LGPL-3.0-or-later */
#include "model.h"

const gfc_model_ops *
gfc_model_get(gfc_model_kind kind)
{
    switch (kind)
    {
        case GFC_MODEL_DIAG:
            return &gfc_model_diag;
        case GFC_MODEL_FC1:
        case GFC_MODEL_FC:
            return &gfc_model_fc;
        default:
            return NULL;
    }
}
