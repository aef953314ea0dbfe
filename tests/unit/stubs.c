// SPDX-License-Identifier: GPL-2.0
/*
 * What the parts of nfwfpctl under test need from main.c, and a fake layer
 * table. The message functions record the last message and where it was
 * said ("FILE:LINE" in an -f file) for the tests to check.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "layers_fake.h"
#include "nfwfpctl.h"

const char *nfwfpctl_where;
char stub_last_error[512];
char stub_last_where[512];
unsigned int stub_errors;

static void record(const char *fmt, va_list ap)
{
	vsnprintf(stub_last_error, sizeof(stub_last_error), fmt, ap);
	snprintf(stub_last_where, sizeof(stub_last_where), "%s",
		 nfwfpctl_where ? nfwfpctl_where : "");
	stub_errors++;
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(fmt, ap);
	va_end(ap);
}

void ctl_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(fmt, ap);
	va_end(ap);
}

void ctl_warn(const char *fmt, ...)
{
	(void)fmt;
}

static void add_field(struct nf_layer *l, unsigned int index,
		      unsigned int type, const char *name)
{
	struct nf_field *f = &l->fields[l->nfields++];

	f->index = index;
	f->type = type;
	snprintf(f->name, sizeof(f->name), "%s", name);
}

static void fake_layer(struct nf_layer *l, unsigned int id, bool v6)
{
	unsigned int addr = v6 ? NF_TYPE_BYTES16 : NF_TYPE_UINT32;

	memset(l, 0, sizeof(*l));
	l->id = id;
	l->family = v6 ? AF_INET6 : AF_INET;
	snprintf(l->name, sizeof(l->name), "outbound-transport-v%c",
		 v6 ? '6' : '4');
	add_field(l, 0, NF_TYPE_UINT8, "protocol");
	add_field(l, 1, addr, "local-addr");
	add_field(l, 2, NF_TYPE_UINT8, "local-addr-type");
	add_field(l, 3, addr, "remote-addr");
	add_field(l, 4, NF_TYPE_UINT16, "local-port");
	add_field(l, 5, NF_TYPE_UINT16, "remote-port");
	add_field(l, 6, NF_TYPE_UINT64, "local-interface");
	add_field(l, 10, NF_TYPE_UINT32, "flags");
}

void fake_layers(struct nf_layers *ls)
{
	memset(ls, 0, sizeof(*ls));
	fake_layer(&ls->l[0], 16, false);
	fake_layer(&ls->l[1], 18, true);
	ls->n = 2;
}
