# SPDX-License-Identifier: GPL-2.0
#
# Kbuild flags for a callout driver written against the WDK headers. One line
# in the driver's Kbuild:
#
#     include /usr/share/nfwfp/<version>/wdk/wdk.mk   (or include/wdk/wdk.mk here)
#
# and build with KBUILD_EXTRA_SYMBOLS=/usr/share/nfwfp/<version>/Module.symvers.

NFWFP_WDK_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

# The WDK's header names (fwpsk.h, ndis.h, ...) resolve here.
ccflags-y += -I$(NFWFP_WDK_DIR)
# Windows sources carry `#pragma warning(...)` and multi-character pool tags.
ccflags-y += -Wno-unknown-pragmas -Wno-multichar
# `#if (NTDDI_VERSION >= NTDDI_WIN7)` must work under -Wundef: default to
# Windows 10, the level whose API nfwfp implements; a driver may override.
NTDDI_VERSION ?= 0x0A000000
ccflags-y += -DNTDDI_VERSION=$(NTDDI_VERSION) -D_WIN32_WINNT=0x0A00
# Windows L"..." literals are UTF-16 (WCHAR, FWPM_DISPLAY_DATA0.name): make
# wchar_t 16 bits, as on Windows (see ntdef.h). nfwfp's own sources, which
# include these headers without this flag, never use L"" literals.
ccflags-y += -fshort-wchar
