/* w2n_embed.h: the embedding API: wasm modules compiled by wasm2native as sandboxed libraries of a C program.
 *
 * `wasm2native mod.wasm --emit=obj -o mod.o` writes an object and a header (mod.h) that includes this
 * file's declarations. The object defines one `const w2n_module <name>_module` describing the module:
 * its imports and exports (names, kinds, types), the size of an instance and the generated routines.
 * Link the program with the object and lib/wasm2native/<target>/libw2nembed.a (and -lm).
 *
 * Life of an instance:
 *   1. Build one w2n_extern per import, in the module's import order: a host function (w2n_host_fn plus
 *      a context pointer), or something exported by another instance (w2n_instance_export), or a
 *      memory, table or global the host made itself (w2n_memory_create, w2n_table_create, a w2n_value).
 *   2. w2n_instantiate checks every import against the module's declared import types, allocates and
 *      initialises the instance and runs its start function.
 *   3. Call exports with w2n_call (values in w2n_value arrays) or with the typed inline wrappers of the
 *      generated header; read and write exported memories, tables and globals through w2n_instance_export.
 *   4. w2n_instance_free releases it. An instance must outlive every instance that imports from it.
 *
 * Traps come back as values: a trap inside wasm code (including one detected by the hardware, such as
 * an out-of-bounds access hitting a guard page) unwinds to the w2n_call or w2n_instantiate that entered
 * wasm and is returned as a w2n_result; the instance stays usable. Host functions may call back into
 * wasm. An instance is used by one thread at a time; different threads may use different instances.
 * The runtime installs SIGSEGV/SIGBUS handlers on first use; faults that are not wasm traps are passed
 * on to the handler that was installed before (or the default action).
 */
#ifndef W2N_EMBED_H
#define W2N_EMBED_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- results ---- */

typedef enum w2n_result {
  W2N_OK = 0,
  /* Traps: the spec's trap conditions. w2n_result_message gives the spec's text for each. */
  W2N_TRAP_UNREACHABLE = 1,
  W2N_TRAP_INT_DIV_BY_ZERO = 2,
  W2N_TRAP_INT_OVERFLOW = 3,
  W2N_TRAP_INVALID_CONVERSION = 4,
  W2N_TRAP_OOB_MEMORY = 5,
  W2N_TRAP_OOB_TABLE = 6,
  W2N_TRAP_UNINITIALIZED_ELEMENT = 7,
  W2N_TRAP_INDIRECT_CALL_TYPE = 8,
  W2N_TRAP_STACK_EXHAUSTED = 9,
  W2N_TRAP_UNDEFINED_ELEMENT = 10,
  W2N_TRAP_HOST = 11,           /* a host function returned non-zero */
  W2N_TRAP_NULL_EXNREF = 12,    /* throw_ref of a null exnref */
  /* A wasm exception that no handler caught before it reached this entry point: exceptions do not
   * cross host frames (docs/exceptions.md). The instance stays usable. */
  W2N_EXCEPTION = 13,
  /* function references: call_ref/return_call_ref of a null reference, ref.as_non_null of null */
  W2N_TRAP_NULL_FUNCREF = 14,
  W2N_TRAP_NULL_REFERENCE = 15,
  /* threads (docs/threads.md) */
  W2N_TRAP_UNALIGNED_ATOMIC = 16, /* an atomic access whose address is not a multiple of its size */
  W2N_TRAP_EXPECTED_SHARED = 17,  /* memory.atomic.wait32/64 on a memory that is not shared */
  /* Errors that are not traps. */
  W2N_ERROR_LINK = 100,         /* an import is missing or does not match the declared type */
  W2N_ERROR_RESOURCES = 101,    /* out of memory or address space */
  W2N_ERROR_ARGUMENT = 102,     /* e.g. w2n_call on something that is not a function */
  /* Neither: the instance called WASI proc_exit; w2n_wasi_exit_code gives its status. */
  W2N_EXIT = 103,
} w2n_result;

/* The spec's message for a trap ("integer divide by zero", ...), or a description of an error. */
const char *w2n_result_message(w2n_result result);
/* Non-zero for the W2N_TRAP_* results. */
static inline int w2n_result_is_trap(w2n_result r) {
  return (r >= W2N_TRAP_UNREACHABLE && r <= W2N_TRAP_NULL_EXNREF) ||
         (r >= W2N_TRAP_NULL_FUNCREF && r <= W2N_TRAP_EXPECTED_SHARED);
}

/* ---- values and types ---- */

typedef enum w2n_valtype {
  W2N_I32 = 0, W2N_I64 = 1, W2N_F32 = 2, W2N_F64 = 3, W2N_V128 = 4, W2N_FUNCREF = 5, W2N_EXTERNREF = 6,
} w2n_valtype;

/* One wasm value; which member is meaningful follows from the type. References are pointers: a funcref
 * points to a w2n_funcref, an externref is any host pointer, and NULL is ref.null. */
typedef union w2n_value {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  uint8_t v128[16]; /* little-endian lanes, as in wasm memory */
  void *ref;
} w2n_value;

/* A linear memory. base and size_bytes may change on growth (read them again after any call). */
typedef struct w2n_memory {
  uint8_t *base;        /* bytes [0, size_bytes) are readable and writable */
  uint64_t size_bytes;  /* current size: pages * 65536 */
  uint64_t max_pages;   /* the limit: the declared maximum, or 65536 (2^48 for memory64) */
  uint64_t reserved;    /* address space reserved at base (runtime-private) */
  uint32_t has_max;     /* 1 if the memory type declares a maximum */
  uint32_t is64;        /* 1 for a memory64 memory (i64 addresses), set by the runtime */
  uint32_t shared;      /* 1 for a shared memory (threads), set by the runtime: its base never moves */
  uint32_t grow_lock;   /* runtime-private: serialises memory.grow of a shared memory */
} w2n_memory;

/* A table of references (elems[i] is a w2n_funcref* or an externref; NULL is ref.null). */
typedef struct w2n_table {
  void **elems;
  uint32_t size;
  uint32_t max;         /* the declared maximum, or 0xffffffff */
  uint32_t elem_type;   /* W2N_FUNCREF or W2N_EXTERNREF */
  uint32_t has_max;
  uint32_t is64;        /* 1 for a table64 (i64 indices; still below 2^28 elements here) */
  const char *ref_type; /* function references: the element type's code (see below); NULL for
                         * funcref or externref, as elem_type says */
} w2n_table;

/* What a funcref points to: a function of some instance (or a host function bound by an import). */
typedef struct w2n_funcref {
  const void *sig;      /* canonical signature object: equal function types have equal pointers */
  void *fn;             /* code, called as fn(instance, params...) */
  void *instance;
} w2n_funcref;

/* A host function: args and results hold the wasm values in the order of the import's type.
 * Return 0, or non-zero to trap (the wasm caller unwinds; the entry point returns W2N_TRAP_HOST). */
typedef int32_t (*w2n_host_fn)(void *ctx, const w2n_value *args, w2n_value *results);

/* ---- imports and exports ---- */

typedef enum w2n_extern_kind {
  W2N_EXTERN_FUNC = 0, W2N_EXTERN_TABLE = 1, W2N_EXTERN_MEMORY = 2, W2N_EXTERN_GLOBAL = 3,
  W2N_EXTERN_HOST_FUNC = 4, /* only as an import: a host function, see w2n_host_fn */
  W2N_EXTERN_TAG = 5,       /* an exception tag (exception handling): its identity is its address */
} w2n_extern_kind;

/* An exception tag: a defined tag lives in its instance; tags are equal when their addresses are.
 * sig is the canonical signature object of the tag's type (its parameters are the payload). */
typedef struct w2n_tag {
  const void *sig;
} w2n_tag;

/* A function, table, memory, global or tag: what an import is given, and what an export yields. */
typedef struct w2n_extern {
  w2n_extern_kind kind;
  union {
    struct {                    /* W2N_EXTERN_FUNC: a wasm function of some instance */
      const w2n_funcref *ref;
      const char *type;         /* signature: param letters '_' result letters, e.g. "ii_I" */
      void (*dyncall)(const w2n_funcref *f, const w2n_value *args, w2n_value *results); /* private */
    } func;
    struct { w2n_host_fn fn; void *ctx; } host;       /* W2N_EXTERN_HOST_FUNC */
    w2n_table *table;                                 /* W2N_EXTERN_TABLE */
    w2n_memory *memory;                               /* W2N_EXTERN_MEMORY */
    struct {                    /* W2N_EXTERN_GLOBAL */
      w2n_value *value;
      w2n_valtype type;
      int mutable_;
      const char *ref_type;     /* a reference type's code (see below); NULL: funcref or externref */
    } global;
    const struct w2n_tag *tag;                        /* W2N_EXTERN_TAG */
  } u;
} w2n_extern;

/* Signature letters used in type strings: i i32, I i64, f f32, F f64, v v128, r funcref, e externref,
 * x exnref (an exception; opaque to the host); every function reference type is 'r' to the host.
 * A global's or table's type string adds, after a ':', the code of a reference type that is not
 * plain funcref/externref/exnref (function references): 'n' or 'N' (nullable or not), then the heap
 * type: 'r' func, 'e' extern, 'x' exn, '0' and one of those for its bottom (nofunc, ...), or a
 * function type's signature in parentheses. Imports match exports by the spec's subtyping. */

/* An import or export as declared by the module. */
typedef struct w2n_import_info {
  const char *module, *name;    /* NUL-terminated; wasm names may contain NUL, hence the lengths */
  uint32_t module_length, name_length;
  w2n_extern_kind kind;         /* FUNC, TABLE, MEMORY or GLOBAL */
  const char *type;             /* FUNC, TAG: signature string; GLOBAL: one letter; TABLE: 'r' or 'e', then
                                 * 'I' for a table64 (both: then ':' and a reference type's code, see
                                 * above); MEMORY: "i" (i32 addresses) or "I" (memory64),
                                 * then "s" for a shared memory (threads) */
  const void *sig;              /* FUNC, TAG: the canonical signature object */
  uint32_t mutable_;            /* GLOBAL */
  uint64_t min, max;            /* TABLE, MEMORY: limits; max is UINT64_MAX when absent */
  uint32_t offset;              /* runtime-private: where the import lives in the instance */
  uint32_t binding_offset;      /* runtime-private: FUNC: the host binding slot */
  void *host_adapter;           /* runtime-private: FUNC: calls a host function with this signature */
} w2n_import_info;

typedef struct w2n_export_info {
  const char *name;             /* NUL-terminated; name_length counts any NULs inside */
  uint32_t name_length;
  w2n_extern_kind kind;
  const char *type;             /* as in w2n_import_info */
  uint32_t mutable_;            /* GLOBAL */
  uint32_t offset;              /* runtime-private */
  uint32_t indirect;            /* runtime-private: the instance holds a pointer (an imported global) */
  void (*dyncall)(const w2n_funcref *f, const w2n_value *args, w2n_value *results); /* FUNC */
} w2n_export_info;

/* What a compiled module object defines, as `const w2n_module <name>_module`. */
typedef struct w2n_module {
  const char *name;
  uint32_t instance_size;
  uint32_t import_count, export_count;
  const w2n_import_info *imports;
  const w2n_export_info *exports;
  uint32_t memory_count, table_count;
  const uint32_t *memory_offsets;   /* defined memories and tables inside the instance (runtime-private) */
  const uint32_t *table_offsets;
  void (*initialize)(void *instance); /* runtime-private: the spec's instantiation after linking */
} w2n_module;

typedef struct w2n_instance w2n_instance;

/* Details of a failed w2n_instantiate: a message for link errors (which import, why). */
typedef struct w2n_error {
  char message[256];
} w2n_error;

/* Creates an instance. imports has module->import_count entries in import order (NULL if none).
 * On success *out is the instance; on a link error, a trap during instantiation (a segment out of
 * bounds, a trap in the start function) or a resource failure nothing is returned in *out, and err
 * (if not NULL) says why. Effects on imported memories and tables before a trap stay, as the spec says. */
w2n_result w2n_instantiate(const w2n_module *module, const w2n_extern *imports, w2n_instance **out,
                           w2n_error *err);
void w2n_instance_free(w2n_instance *instance);
const w2n_module *w2n_instance_module(const w2n_instance *instance);

/* Finds an export by name (-1 when there is none) and yields it as an extern. The _n form takes a
 * length, for names that contain NUL. */
int32_t w2n_export_index(const w2n_module *module, const char *name);
int32_t w2n_export_index_n(const w2n_module *module, const char *name, size_t length);
w2n_result w2n_instance_export(w2n_instance *instance, uint32_t export_index, w2n_extern *out);

/* Calls a function extern (an export, or any funcref). args and results follow its type string. */
w2n_result w2n_call(const w2n_extern *func, const w2n_value *args, w2n_value *results);
/* Calls export number export_index of the instance. */
w2n_result w2n_call_export(w2n_instance *instance, uint32_t export_index, const w2n_value *args,
                           w2n_value *results);

/* Host-made memories and tables, e.g. to satisfy imports. max_pages / max: UINT64_MAX for none. */
w2n_result w2n_memory_create(uint32_t initial_pages, uint64_t max_pages, w2n_memory **out);
/* A memory64 memory (i64 addresses, up to 2^48 pages), for imports of type (memory i64 ...). */
w2n_result w2n_memory_create64(uint64_t initial_pages, uint64_t max_pages, w2n_memory **out);
/* A shared memory (threads), for imports of type (memory ... shared): is64 0 or 1, a maximum is
 * required (W2N_ERROR_ARGUMENT without one). Its base never moves, so instances on several host
 * threads may use it at once (docs/threads.md). */
w2n_result w2n_memory_create_shared(uint64_t initial_pages, uint64_t max_pages, int is64, w2n_memory **out);
void w2n_memory_delete(w2n_memory *memory);
/* memory.grow: the old size in pages, or -1 (0xffffffff) when it cannot grow. */
uint32_t w2n_memory_grow(w2n_memory *memory, uint32_t delta_pages);
/* memory.grow of a memory64 memory (any memory: the delta is not truncated): old size or UINT64_MAX. */
uint64_t w2n_memory_grow64(w2n_memory *memory, uint64_t delta_pages);
w2n_result w2n_table_create(w2n_valtype elem_type, uint32_t initial, uint64_t max, w2n_table **out);
/* A table64 (i64 indices), for imports of type (table i64 ...). */
w2n_result w2n_table_create64(w2n_valtype elem_type, uint32_t initial, uint64_t max, w2n_table **out);
void w2n_table_delete(w2n_table *table);

/* ---- WASI (wasi_snapshot_preview1) for an instance ----
 *
 * The runtime's own WASI, the one executables use (wasi-shim/linux: raw system calls, every path
 * confined to a preopened directory), serves an instance's wasi_snapshot_preview1 imports; the host
 * gives only the other imports. Each w2n_wasi is one guest's sandbox: its descriptor table (stdio,
 * preopened directories, files it opens), argv and environment, nothing shared with other instances.
 *
 *   w2n_wasi *w; w2n_wasi_create(&w);               stdio: duplicates of the process's 0, 1 and 2
 *   w2n_wasi_set_args(w, argc, argv);               default: no arguments
 *   w2n_wasi_set_env(w, "NAME", "VALUE");           default: empty (the host's is never passed)
 *   w2n_wasi_preopen_dir(w, "/host/path", "/guest/name");   fds 3, 4, ... in call order
 *   w2n_wasi_set_stdio(w, 1, host_fd);              the guest's stdout writes to host_fd (-1: closed)
 *   w2n_wasi_instantiate(&mod_module, w, imports, &instance, &err);
 *   ... w2n_call_export(...) == W2N_EXIT: proc_exit ended the call; w2n_wasi_exit_code(w) is its code
 *   w2n_instance_free(instance); w2n_wasi_free(w);
 *
 * Strings are copied and host fds duplicated, so the caller keeps its own. A w2n_wasi serves one
 * instance (a second w2n_wasi_instantiate with it fails with W2N_ERROR_ARGUMENT); free it after the
 * instance. proc_exit never ends the host process: it unwinds to the entry point the host called (like
 * a trap), which returns W2N_EXIT. The functions return W2N_OK, W2N_ERROR_ARGUMENT (a bad argument, a
 * directory that cannot be opened: errno says why) or W2N_ERROR_RESOURCES. */
typedef struct w2n_wasi w2n_wasi;

w2n_result w2n_wasi_create(w2n_wasi **out);
void w2n_wasi_free(w2n_wasi *wasi);
w2n_result w2n_wasi_set_args(w2n_wasi *wasi, int argc, const char *const *argv);
/* Adds NAME=VALUE to the guest's environment, replacing an earlier NAME. */
w2n_result w2n_wasi_set_env(w2n_wasi *wasi, const char *name, const char *value);
/* Opens host_dir now (relative to the current directory) and preopens it as guest_name. */
w2n_result w2n_wasi_preopen_dir(w2n_wasi *wasi, const char *host_dir, const char *guest_name);
/* guest_fd 0, 1 or 2 becomes a duplicate of host_fd, or is closed when host_fd is -1. */
w2n_result w2n_wasi_set_stdio(w2n_wasi *wasi, int guest_fd, int host_fd);
/* w2n_instantiate, with every wasi_snapshot_preview1 import the runtime implements bound to `wasi`
 * (its entries in `imports` are ignored; imports may be NULL when there are no others). A WASI import
 * with another type is W2N_ERROR_LINK. Memory 0 of the instance is the memory WASI reads and writes. */
w2n_result w2n_wasi_instantiate(const w2n_module *module, w2n_wasi *wasi, const w2n_extern *imports,
                                w2n_instance **out, w2n_error *err);
/* The status the instance passed to proc_exit, or -1 if it has not called it. */
int32_t w2n_wasi_exit_code(const w2n_wasi *wasi);

#ifdef __cplusplus
}
#endif

#endif
