# SPDX-License-Identifier: GPL-2.0
#
# nfwfp: the Windows Filtering Platform callout and injection API on netfilter.
#
#   make                 module, test modules, nfwfpctl (see KDIR below)
#   make check           the test suite in QEMU on Debian's 6.1 kernel
#   make check-debug     the same suite on the debug kernel (KASAN, lockdep, ...)
#   make check-stress    load, flood and churn (STRESS_KERNEL=debug, STRESS_SECS=60);
#                        writes README's Reliability section from the run
#   make sparse          sparse over every kernel source
#   make bench           the benchmark in QEMU (tests/bench/; not part of test)
#   make install         module (+depmod), nfwfpctl, man page, SDK for callout drivers
#   make uninstall / make clean
#
# KDIR selects the kernel to build against. Unset, it is the running kernel's
# /lib/modules/$(KVER)/build when that exists (KVER defaults to uname -r), else
# Debian's 6.1 kernel that the VM boots, unpacked in the cache. `make check`
# always builds against the VM's kernel, `make install` against KVER.

SHELL := /bin/bash
NFWFP_VERSION := $(shell cat $(CURDIR)/VERSION)
KVER ?= $(shell uname -r)
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SDKDIR ?= /usr/share/nfwfp/$(NFWFP_VERSION)
DESTDIR ?=

VM := $(CURDIR)/tests/vm
HOST_KDIR := /lib/modules/$(KVER)/build
# make install builds against KDIR only when it is given, else the KVER kernel.
INSTALL_KDIR := $(if $(filter command line environment,$(origin KDIR)),$(KDIR),$(HOST_KDIR))
ifeq ($(KDIR),)
ifneq ($(wildcard $(HOST_KDIR)/Makefile),)
KDIR := $(HOST_KDIR)
else
KDIR = $(shell $(VM)/debian-kernel.sh kdir)
endif
endif

# Kernel-side sources are mirrored per target kernel so that builds against
# several kernels never clobber each other's objects.
KSRC := $(wildcard Kbuild VERSION module include tests/modules samples)
kbuild-dir = $(CURDIR)/build/$(1)

# $(call kbuild,TAG,KDIR,EXTRA-ARGS)
define kbuild
	@mkdir -p $(call kbuild-dir,$(1))
	@cd $(CURDIR) && rsync -a --relative --delete $(KSRC) $(call kbuild-dir,$(1))/
	$(MAKE) -C $(2) M=$(call kbuild-dir,$(1)) CONFIG_DEBUG_INFO_BTF_MODULES= $(3) modules
endef

.PHONY: all modules kmodules test demo nfwfpctl tests-user check check-debug check-stress check-host sparse \
	install uninstall clean deps bench

all: modules nfwfpctl tests-user

# Development and test builds carry the in-module self-tests.
modules:
	@$(VM)/need.sh rsync make gcc
	$(call kbuild,default,$(KDIR),NFWFP_SELFTEST=1)

# Used by tests/vm/run-suite.sh: build into build/$(TAG) against $(KDIR).
kmodules:
	$(call kbuild,$(TAG),$(KDIR),NFWFP_SELFTEST=1 $(KBUILD_ARGS))

# Missing build dependencies are installed (root with apt) or named.
nfwfpctl:
	@$(VM)/need.sh gcc make pkg-config libmnl-dev
	$(MAKE) -C userspace

tests-user:
	@$(VM)/need.sh gcc make
	$(MAKE) -C tests/selftests
	$(MAKE) -C tests/unit

check-host: nfwfpctl
	$(MAKE) -C tests/unit run

check: nfwfpctl tests-user
	$(VM)/run-suite.sh debian

check-debug: nfwfpctl tests-user
	$(VM)/run-suite.sh debug

STRESS_KERNEL ?= debug
STRESS_SECS ?=
check-stress: nfwfpctl tests-user
	NFWFP_SUITE=stress NFWFP_STRESS_SECS=$(STRESS_SECS) $(VM)/run-suite.sh $(STRESS_KERNEL)

# The demo: the samples in the VM, as a checked transcript (the VM run must
# take under 2 minutes). On a fresh machine it installs what the kernel build
# needs first (nfwfpctl and tests-user, which demo.sh builds, install theirs).
demo:
	@$(VM)/need.sh rsync make gcc libc6-dev
	$(VM)/demo.sh

# The test command: both kernels, one summary.
test: nfwfpctl tests-user
	$(VM)/run-suite.sh debian debug

# The benchmark (README, "Performance"): timed figures, not a test. The
# modules are built as users get them, without the in-module self-tests.
# BENCH_ROUNDS=1 BENCH_SECONDS=1 is the quick smoke run.
bench: nfwfpctl tests-user
	$(call kbuild,bench,$(shell $(VM)/debian-kernel.sh kdir),)
	$(CURDIR)/tests/bench/run.sh $(call kbuild-dir,bench)

# The kernel's own sparse flags (as `make C=2` in the tree); any warning fails,
# except multi-character constants: Windows pool tags ('gaT1') are what
# wdk.mk's -Wno-multichar allows callout code, and sparse cannot be told.
sparse:
	@$(VM)/need.sh sparse
	@rm -rf $(call kbuild-dir,sparse)
	@set -o pipefail; $(MAKE) --no-print-directory kmodules TAG=sparse KDIR=$(KDIR) \
		KBUILD_ARGS=C=2 2>&1 | tee $(CURDIR)/build/sparse.log
	@if grep -E '(warning|error):' $(CURDIR)/build/sparse.log | \
	    grep -v 'multi-character character constant'; then \
		echo "sparse: warnings above"; exit 1; fi

install: nfwfpctl
	@[ -f $(INSTALL_KDIR)/Makefile ] || { echo "no kernel headers in $(INSTALL_KDIR):" \
		"apt-get install linux-headers-$(KVER), or pass KDIR="; exit 1; }
	$(call kbuild,install-$(KVER),$(INSTALL_KDIR),NFWFP_CORE_ONLY=1)
	$(MAKE) -C $(INSTALL_KDIR) M=$(call kbuild-dir,install-$(KVER)) NFWFP_CORE_ONLY=1 \
		INSTALL_MOD_DIR=extra INSTALL_MOD_PATH=$(DESTDIR) DEPMOD=true \
		CONFIG_MODULE_SIG_ALL= modules_install
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)
	$(MAKE) -C userspace install DESTDIR=$(DESTDIR) SBINDIR=$(SBINDIR) \
		MANDIR=$(MANDIR) BASHCOMPDIR=$(BASHCOMPDIR)
	install -d $(DESTDIR)$(SDKDIR)
	cp -r include/wdk $(DESTDIR)$(SDKDIR)/
	install -m 644 $(call kbuild-dir,install-$(KVER))/Module.symvers $(DESTDIR)$(SDKDIR)/

uninstall:
	rm -f $(DESTDIR)/lib/modules/$(KVER)/extra/module/nfwfp.ko
	-rmdir $(DESTDIR)/lib/modules/$(KVER)/extra/module 2>/dev/null
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)
	$(MAKE) -C userspace uninstall DESTDIR=$(DESTDIR) SBINDIR=$(SBINDIR) \
		MANDIR=$(MANDIR) BASHCOMPDIR=$(BASHCOMPDIR)
	rm -rf $(DESTDIR)$(SDKDIR)
	-rmdir $(DESTDIR)/usr/share/nfwfp 2>/dev/null

clean:
	rm -rf build
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/selftests clean
	$(MAKE) -C tests/unit clean
