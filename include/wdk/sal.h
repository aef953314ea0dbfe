/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sal.h - Microsoft source-annotation (SAL 2) and driver annotations as
 * no-ops, plus the MSVC calling-convention and inline keywords, so that
 * Windows callout drivers compile unchanged with gcc.
 *
 * Every annotation expands to nothing: they only feed Microsoft's static
 * analysers. Parameterised ones swallow their arguments.
 *
 * Deliberately NOT defined: the SAL 1 spellings __in, __out, __inout,
 * __reserved, ... . Linux itself uses those identifiers (wait_event()'s
 * `__label__ __out;`, struct members named __reserved), so defining them would
 * break kernel headers included after this one. Drivers still using SAL 1 must
 * be converted to the SAL 2 names below (the WDK has deprecated SAL 1 since
 * Windows 8).
 */
#ifndef _NFWFP_WDK_SAL_H
#define _NFWFP_WDK_SAL_H

#include <linux/compiler.h>

/* Calling conventions: all the same on x86_64 (wfp_api.md §1). */
#define NTAPI
#define NTAPI_INLINE
#define WINAPI
#define CALLBACK
#define __stdcall
#define __cdecl
#define __fastcall
#define FASTCALL
#define NTSYSAPI
#define NTKERNELAPI
#define NDIS_API
#define FAR
#define NEAR
#define CONST const
#define EXTERN_C extern

/*
 * MSVC inline keywords. __inline is left alone: gcc already accepts it (C99
 * inline semantics) and the kernel's asm_inline is `asm __inline`, so it
 * cannot be redefined. A non-static `__inline` function defined in a header
 * that several .c files include has no external definition under C99; if
 * gcc declines to inline a call, modpost reports an undefined symbol. Such
 * functions are best written FORCEINLINE (static here) when porting.
 */
#define __forceinline static __always_inline
#define FORCEINLINE static __always_inline
#define DECLSPEC_NOINLINE noinline
#define DECLSPEC_ALIGN(x) __aligned(x)
#define DECLSPEC_NORETURN __noreturn
#define DECLSPEC_SELECTANY
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_NOTHROW
#define DECLSPEC_DEPRECATED

/* Nameless struct/union markers of the WDK headers. */
#define DUMMYSTRUCTNAME
#define DUMMYSTRUCTNAME2
#define DUMMYSTRUCTNAME3
#define DUMMYUNIONNAME
#define DUMMYUNIONNAME2
#define DUMMYUNIONNAME3

/* SAL 2: parameters */
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(s)
#define _In_reads_opt_(s)
#define _In_reads_bytes_(s)
#define _In_reads_bytes_opt_(s)
#define _In_reads_z_(s)
#define _In_reads_or_z_(s)
#define _In_range_(lo, hi)
#define _Out_
#define _Out_opt_
#define _Out_writes_(s)
#define _Out_writes_opt_(s)
#define _Out_writes_bytes_(s)
#define _Out_writes_bytes_opt_(s)
#define _Out_writes_to_(s, c)
#define _Out_writes_bytes_to_(s, c)
#define _Out_writes_bytes_to_opt_(s, c)
#define _Out_writes_z_(s)
#define _Out_writes_all_(s)
#define _Out_writes_bytes_all_(s)
#define _Out_writes_bytes_all_opt_(s)
#define _Out_range_(lo, hi)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_updates_(s)
#define _Inout_updates_opt_(s)
#define _Inout_updates_bytes_(s)
#define _Inout_updates_bytes_opt_(s)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_nullonfailure_
#define _Outptr_result_buffer_(s)
#define _Outptr_result_bytebuffer_(s)
#define _Outptr_result_buffer_maybenull_(s)
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_range_(lo, hi)
#define _Deref_pre_readonly_
#define _Reserved_
#define _Pre_
#define _Post_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Pre_valid_
#define _Pre_satisfies_(e)
#define _Post_satisfies_(e)
#define _Post_invalid_
#define _Post_ptr_invalid_
#define _Post_valid_
#define _Post_null_
#define _Post_notnull_
#define _Post_maybenull_
#define _Post_writable_byte_size_(s)
#define _Post_readable_byte_size_(s)
#define _Post_equal_to_(e)
#define _Notnull_
#define _Maybenull_
#define _Null_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Printf_format_string_
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Const_
#define _Literal_
#define _Strict_type_match_
#define _Points_to_data_
#define _Readable_bytes_(s)
#define _Writable_bytes_(s)
#define _Readable_elements_(s)
#define _Writable_elements_(s)

/* SAL 2: return values and functions */
#define _Must_inspect_result_
#define _Check_return_
#define _Success_(e)
#define _Return_type_success_(e)
#define _Ret_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_z_
#define _Ret_range_(lo, hi)
#define _Result_nullonfailure_
#define _Result_zeroonfailure_
#define _Use_decl_annotations_
#define _Function_class_(n)
#define _When_(c, a)
#define _At_(t, a)
#define _At_buffer_(t, i, c, a)
#define _Group_(a)
#define _On_failure_(a)
#define _Always_(a)
#define _Analysis_assume_(e)
#define _Analysis_assume_lock_held_(lock)
#define _Analysis_assume_lock_not_held_(lock)
#define _Analysis_mode_(m)
#define _Analysis_noreturn_
#define _Callback_
#define _Benign_race_begin_
#define _Benign_race_end_
#define _Enum_is_bitflag_
#define _Struct_size_bytes_(s)
#define _Field_size_(s)
#define _Field_size_opt_(s)
#define _Field_size_bytes_(s)
#define _Field_size_bytes_opt_(s)
#define _Field_size_part_(s, c)
#define _Field_size_bytes_part_(s, c)
#define _Field_range_(lo, hi)
#define _Field_z_
#define _Satisfies_(e)
#define _Unchanged_(e)
#define _Interlocked_
#define _Interlocked_operand_

/* Locks */
#define _Acquires_lock_(l)
#define _Releases_lock_(l)
#define _Acquires_exclusive_lock_(l)
#define _Releases_exclusive_lock_(l)
#define _Acquires_shared_lock_(l)
#define _Releases_shared_lock_(l)
#define _Requires_lock_held_(l)
#define _Requires_lock_not_held_(l)
#define _Requires_exclusive_lock_held_(l)
#define _Requires_shared_lock_held_(l)
#define _Requires_no_locks_held_
#define _Guarded_by_(l)
#define _Write_guarded_by_(l)
#define _Create_lock_level_(l)
#define _Lock_level_order_(a, b)
#define _Has_lock_kind_(k)
#define _Has_lock_level_(l)
#define _No_competing_thread_
#define _Acquires_nonreentrant_lock_(l)
#define _Releases_nonreentrant_lock_(l)

/* Driver annotations (driverspecs.h) */
#define _IRQL_requires_(i)
#define _IRQL_requires_max_(i)
#define _IRQL_requires_min_(i)
#define _IRQL_requires_same_
#define _IRQL_raises_(i)
#define _IRQL_saves_
#define _IRQL_restores_
#define _IRQL_saves_global_(k, p)
#define _IRQL_restores_global_(k, p)
#define _IRQL_always_function_min_(i)
#define _IRQL_always_function_max_(i)
#define _IRQL_is_cancel_
#define _IRQL_uses_cancel_
#define _IRQL_limited_to_(i)
#define _Kernel_float_saved_
#define _Kernel_float_restored_
#define _Kernel_float_used_
#define _Kernel_requires_resource_held_(r)
#define _Kernel_requires_resource_not_held_(r)
#define _Kernel_acquires_resource_(r)
#define _Kernel_releases_resource_(r)
#define _Kernel_clear_do_init_(y)
#define _Kernel_IoGetDmaAdapter_
#define _Dispatch_type_(t)
#define _Must_inspect_irql_
#define _Requires_lock_held_irql_(i)
#define __drv_allocatesMem(k)
#define __drv_freesMem(k)
#define __drv_aliasesMem
#define __drv_dispatchType(t)
#define __drv_dispatchType_other
#define __drv_functionClass(c)
#define __drv_maxIRQL(i)
#define __drv_minIRQL(i)
#define __drv_requiresIRQL(i)
#define __drv_raisesIRQL(i)
#define __drv_setsIRQL(i)
#define __drv_savesIRQL
#define __drv_restoresIRQL
#define __drv_savesIRQLGlobal(k, p)
#define __drv_restoresIRQLGlobal(k, p)
#define __drv_sameIRQL
#define __drv_useCancelIRQL
#define __drv_maxFunctionIRQL(i)
#define __drv_minFunctionIRQL(i)
#define __drv_when(c, a)
#define __drv_arg(e, a)
#define __drv_in(a)
#define __drv_out(a)
#define __drv_valueIs(v)
#define __drv_preferredFunction(f, w)
#define __drv_reportError(w)
#define __drv_isObjectPointer
#define __drv_strictType(t, m)
#define __drv_strictTypeMatch(m)
#define __drv_inTry
#define __drv_notInTry
#define __drv_clearDoInit(y)
#define __drv_mustHold(r)
#define __drv_mustHoldGlobal(k, p)
#define __drv_neverHold(r)
#define __drv_neverHoldGlobal(k, p)
#define __drv_acquiresResource(r)
#define __drv_acquiresResourceGlobal(k, p)
#define __drv_releasesResource(r)
#define __drv_releasesResourceGlobal(k, p)
#define __drv_acquiresCancelSpinLock
#define __drv_releasesCancelSpinLock
#define __drv_acquiresExclusiveResource(r)
#define __drv_releasesExclusiveResource(r)
#define __drv_floatUsed
#define __drv_floatSaved
#define __drv_floatRestored
#define __drv_interlocked
#define __drv_constant
#define __drv_nonConstant
#define __drv_formatString(k)
#define __drv_Mode_impl(x)

#endif /* _NFWFP_WDK_SAL_H */
