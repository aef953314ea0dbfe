// SPDX-License-Identifier: GPL-2.0
/* A second instance of the inspect test driver, with keys of its own. */
#define INSTANCE 2
#include "nfwfp_test_inject.c"
