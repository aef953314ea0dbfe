/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces between nfwfp's subsystems. Each subsystem has an
 * init/uninit pair called from the ladder in main.c, in the order listed.
 */
#ifndef _NFWFP_H
#define _NFWFP_H

struct module;

int nfwfp_compartment_init(void);
void nfwfp_compartment_uninit(void);
int nfwfp_engine_init(void);
void nfwfp_engine_uninit(void);
int nfwfp_owner_init(void);
void nfwfp_owner_uninit(void);
void nfwfp_modtrack_coming(struct module *mod);
void nfwfp_modtrack_going(struct module *mod);
void nfwfp_modtrack_uninit(void);
struct module *nfwfp_module_of(const void *addr);
int nfwfp_wdk_work_init(void);
void nfwfp_wdk_work_uninit(void);
struct module *nfwfp_wdk_device_owner(const void *device_object);
int nfwfp_netcap_init(void);
void nfwfp_netcap_uninit(void);
int nfwfp_inject_init(void);
void nfwfp_inject_uninit(void);
int nfwfp_debugfs_init(void);
void nfwfp_debugfs_uninit(void);
int nfwfp_hook_init(void);
void nfwfp_hook_uninit(void);
int nfwfp_netlink_init(void);
void nfwfp_netlink_uninit(void);

#endif /* _NFWFP_H */
