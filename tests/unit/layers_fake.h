/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Layers as the kernel's dump describes them, for tests that need a layer
 * table without a kernel: two layers with the field kinds nfwfp has
 * (uint8/16/32/64 numbers, IPv4 addresses as uint32, IPv6 as bytes16).
 */
#ifndef NFWFP_LAYERS_FAKE_H
#define NFWFP_LAYERS_FAKE_H

#include "model.h"

void fake_layers(struct nf_layers *ls);

/* Captured by the stubs of usage_error() and friends (stubs.c). */
extern char stub_last_error[512];
extern char stub_last_where[512];
extern unsigned int stub_errors;

#endif
