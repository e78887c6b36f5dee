/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* CSV reader: the b17 case files and edge cases of the text format. */
#include "problem.h"
#include "tap.h"
#include <stdio.h>
#include <string.h>

static char case_dir[4096];

static int
equals(const gfc_qarray_t A, slong rows, slong cols, const slong *num,
       slong den)
{
    slong i;
    fmpq_t e;
    int ok = (A->ndim == 2 && A->rows == rows && A->cols == cols);

    fmpq_init(e);
    for (i = 0; ok && i < rows * cols; i++)
    {
        fmpq_set_si(e, num[i], (ulong)den);
        ok = fmpq_equal(A->v + i, e);
    }
    fmpq_clear(e);
    return ok;
}

static int
parse(gfc_qarray_t A, const char *text, gfc_error_t err)
{
    return gfc_csv_parse(A, text, strlen(text), "t.csv", NULL, err);
}

static void
test_cases(void)
{
    gfc_qarray_t A;
    gfc_error_t err;
    char p[8192];
    static const slong x[6] = { 1, 0, 0, 0, 1, 0 };
    static const slong y[2] = { 1, 2 };

    gfc_qarray_init(A);
    gfc_error_init(err);
    snprintf(p, sizeof(p), "%s/b17_X.csv", case_dir);
    tap_ok(gfc_csv_read(A, p, NULL, err) == 0 && equals(A, 2, 3, x, 1),
           "b17: BOM + CRLF gives X = [[1,0,0],[0,1,0]] %s", err->msg);
    snprintf(p, sizeof(p), "%s/b17_y.csv", case_dir);
    tap_ok(gfc_csv_read(A, p, NULL, err) == 0 && equals(A, 2, 1, y, 1),
           "b17: BOM, CRLF, no final newline gives y = [1, 2] %s", err->msg);
    snprintf(p, sizeof(p), "%s/b17_X_decimal_comma.csv", case_dir);
    tap_ok(gfc_csv_read(A, p, NULL, err) != 0
               && strstr(err->msg, "b17_X_decimal_comma.csv") != NULL
               && strstr(err->msg, "line 1,") != NULL
               && strstr(err->msg, "column 2") != NULL
               && strstr(err->msg, "a decimal number with '.' was expected")
                      != NULL,
           "b17: decimal commas rejected: %s", err->msg);
    gfc_qarray_clear(A);
}

static void
test_text(void)
{
    gfc_qarray_t A;
    gfc_error_t err;
    slong budget;
    static const slong a[4] = { 1, 2, 3, 4 };
    static const slong half[3] = { 1, -3, 5 };
    fmpq_t e;

    gfc_qarray_init(A);
    gfc_error_init(err);
    fmpq_init(e);

    tap_ok(parse(A, "1,2\n3,4\n", err) == 0 && equals(A, 2, 2, a, 1),
           "LF lines");
    tap_ok(parse(A, "1,2\r\n3,4", err) == 0 && equals(A, 2, 2, a, 1),
           "CRLF, no final newline");
    tap_ok(parse(A, "1,2\n3,4\n\n\r\n  \n", err) == 0 && equals(A, 2, 2, a, 1),
           "blank trailing lines ignored");
    tap_ok(parse(A, " 1 ,\t2\n3, 4\n", err) == 0 && equals(A, 2, 2, a, 1),
           "blanks around fields allowed");
    tap_ok(parse(A, "0.5,-1.5,2.5", err) == 0 && equals(A, 1, 3, half, 2),
           "one row of decimals");
    tap_ok(parse(A, "1e-300\n", err) == 0 && A->rows == 1
               && fmpz_bits(fmpq_denref(A->v)) > 996,
           "1e-300 exact in CSV");
    fmpq_set_si(e, 1, 10);
    tap_ok(parse(A, "0.1\n", err) == 0 && fmpq_equal(A->v, e),
           "0.1 is 1/10 in CSV");

    tap_ok(parse(A, "1,2\n\n3,4\n", err) != 0
               && strstr(err->msg, "line 2 is blank") != NULL,
           "blank line inside the data: %s", err->msg);
    tap_ok(parse(A, "1,2,3\n4,5\n", err) != 0
               && strstr(err->msg, "line 2 has 2 columns") != NULL,
           "ragged rows: %s", err->msg);
    tap_ok(parse(A, "1,,3\n", err) != 0
               && strstr(err->msg, "line 1, column 2") != NULL
               && strstr(err->msg, "empty") != NULL,
           "empty field: %s", err->msg);
    tap_ok(parse(A, "1,2,\n", err) != 0
               && strstr(err->msg, "column 3") != NULL,
           "trailing comma: %s", err->msg);
    tap_ok(parse(A, "\"1\",2\n", err) != 0
               && strstr(err->msg, "line 1, column 1") != NULL,
           "quoted field: %s", err->msg);
    tap_ok(parse(A, "1,2\n3,nan\n", err) != 0
               && strstr(err->msg, "line 2, column 2") != NULL
               && strstr(err->msg, "finite") != NULL,
           "nan: %s", err->msg);
    tap_ok(parse(A, "1;2\n", err) != 0 && strstr(err->msg, "';'") != NULL,
           "';' separators: %s", err->msg);
    tap_ok(parse(A, "1/3\n", err) != 0, "p/q is not CSV decimal text: %s",
           err->msg);
    tap_ok(parse(A, "# a comment\n1\n", err) != 0, "comment line: %s",
           err->msg);
    tap_ok(parse(A, "", err) != 0 && strstr(err->msg, "no data") != NULL,
           "empty file: %s", err->msg);
    tap_ok(parse(A, "\xef\xbb\xbf", err) != 0
               && strstr(err->msg, "no data") != NULL,
           "BOM only: %s", err->msg);
    tap_ok(parse(A,
                 "\xef\xbb\xbf\xef\xbb\xbf"
                 "1\n",
                 err)
                   != 0
               && strstr(err->msg, "line 1, column 1") != NULL,
           "a second BOM is not skipped: %s", err->msg);
    tap_ok(gfc_csv_parse(A, "1\0002\n", 4, "t.csv", NULL, err) != 0,
           "NUL byte: %s", err->msg);
    tap_ok(parse(A, "1\r2\n", err) != 0, "bare CR inside a line: %s",
           err->msg);
    budget = 100;
    tap_ok(gfc_csv_parse(A, "1,2,3,4,5\n", 10, "t.csv", &budget, err) != 0
               && strstr(err->msg, "size limit") != NULL,
           "budget enforced: %s", err->msg);
    tap_ok(A->v == NULL, "a failed parse leaves the array empty");

    fmpq_clear(e);
    gfc_qarray_clear(A);
}

int
main(void)
{
    const char *top = getenv("top_srcdir");

    snprintf(case_dir, sizeof(case_dir), "%s/tests/cases",
             (top != NULL) ? top : ".");
    test_cases();
    test_text();
    flint_cleanup();
    return tap_done();
}
