/* embed/instance.c: instances of embedded modules: linking imports, instantiation, exports and calls.
 *
 * SECURITY-CRITICAL: linking decides what an instance may touch. Every import is checked against the
 * type the module declares (the spec's import matching) before anything is written into the instance,
 * because generated code trusts those types completely. Review changes twice.
 *
 * The instance is one zeroed block of module->instance_size bytes whose layout only the generated code
 * knows; the w2n_module descriptor tells where each import goes and where each export lives (byte
 * offsets). Its first word points back to the descriptor. Linking writes, per import, a w2n_funcref
 * (a copy of another instance's descriptor, or one that routes calls through the module's host
 * adapter to a w2n_host_fn) or a pointer to a memory, table or global. Then module->initialize runs the
 * rest of the spec's instantiation (defined memories, tables and globals, segments, start) under
 * w2n_embed_protect, so a trap comes back as a result.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt.h"

w2n_result w2n_embed_protect(void (*fn)(void *), void *arg);

#define AT(instance, offset) ((char *)(instance) + (offset))

static w2n_valtype valtype_of_letter(char c) {
  switch (c) {
  case 'i': return W2N_I32;
  case 'I': return W2N_I64;
  case 'f': return W2N_F32;
  case 'F': return W2N_F64;
  case 'v': return W2N_V128;
  case 'r': return W2N_FUNCREF;
  default: return W2N_EXTERNREF;
  }
}

static const char *kind_name(w2n_extern_kind kind) {
  switch (kind) {
  case W2N_EXTERN_FUNC: return "function";
  case W2N_EXTERN_HOST_FUNC: return "host function";
  case W2N_EXTERN_TABLE: return "table";
  case W2N_EXTERN_MEMORY: return "memory";
  case W2N_EXTERN_GLOBAL: return "global";
  case W2N_EXTERN_TAG: return "tag";
  }
  return "extern";
}

/* A reference type's code in a global's or table's type string (w2n_embed.h), or that of the
 * nullable abstract type its letter names when it has none. */
static const char *ref_code(const char *type, char letter) {
  const char *colon = type ? strchr(type, ':') : NULL;
  if (colon) return colon + 1;
  return letter == 'r' ? "nr" : letter == 'e' ? "ne" : "nx";
}

/* The top of a heap type's hierarchy: 'r' (func), 'e' (extern) or 'x' (exn). */
static char heap_top(const char *heap) {
  return heap[0] == '(' ? 'r' : heap[0] == '0' ? heap[1] : heap[0];
}

/* The spec's subtyping of reference types by their codes: (ref ht) <: (ref null ht), and within a
 * hierarchy the bottom is below and the top above every heap type (function types are equal when
 * their signatures are). */
static int ref_subtype(const char *sub, const char *super) {
  if (sub[0] == 'n' && super[0] == 'N') return 0;
  const char *hs = sub + 1, *hp = super + 1;
  if (heap_top(hs) != heap_top(hp)) return 0;
  if (strcmp(hs, hp) == 0 || hs[0] == '0') return 1;
  return hp[0] != '(' && hp[0] != '0'; /* the super type is the top */
}

/* Do limits {size, max (has_max)} match an import's {min, max}? (max == UINT64_MAX: no maximum) */
static int limits_match(uint64_t size, int has_max, uint64_t max, const w2n_import_info *info) {
  if (size < info->min) return 0;
  if (info->max == UINT64_MAX) return 1;
  return has_max && max <= info->max;
}

static const char *check_import(const w2n_import_info *info, const w2n_extern *ext) {
  int want_func = info->kind == W2N_EXTERN_FUNC;
  if (want_func ? ext->kind != W2N_EXTERN_FUNC && ext->kind != W2N_EXTERN_HOST_FUNC : ext->kind != info->kind)
    return "incompatible import type: wrong kind";
  switch (ext->kind) {
  case W2N_EXTERN_FUNC:
    if (!ext->u.func.ref || !ext->u.func.type || strcmp(ext->u.func.type, info->type) != 0)
      return "incompatible import type: function signature";
    return NULL;
  case W2N_EXTERN_HOST_FUNC:
    return ext->u.host.fn ? NULL : "incompatible import type: no host function";
  case W2N_EXTERN_TABLE: {
    const w2n_table *t = ext->u.table;
    if (!t || t->elem_type != valtype_of_letter(info->type[0]) ||
        strcmp(t->ref_type ? t->ref_type : ref_code(NULL, info->type[0]), ref_code(info->type, info->type[0])) != 0)
      return "incompatible import type: table element";
    if (!t->is64 != (info->type[1] != 'I')) return "incompatible import type: table index type";
    return limits_match(t->size, t->has_max, t->max, info) ? NULL : "incompatible import type: table limits";
  }
  case W2N_EXTERN_MEMORY: {
    const w2n_memory *m = ext->u.memory;
    if (!m) return "incompatible import type: no memory";
    if (!m->is64 != (info->type[0] != 'I')) return "incompatible import type: memory address type";
    if (!m->shared != (info->type[1] != 's')) return "incompatible import type: memory sharing";
    return limits_match(m->size_bytes / 65536, m->has_max, m->max_pages, info)
               ? NULL
               : "incompatible import type: memory limits";
  }
  case W2N_EXTERN_GLOBAL:
    if (!ext->u.global.value || ext->u.global.type != valtype_of_letter(info->type[0]) ||
        !ext->u.global.mutable_ != !info->mutable_)
      return "incompatible import type: global type";
    if (ext->u.global.type == W2N_FUNCREF || ext->u.global.type == W2N_EXTERNREF) {
      /* A mutable global's type must be equal (both directions of subtyping), a constant's a subtype. */
      const char *have = ext->u.global.ref_type ? ext->u.global.ref_type : ref_code(NULL, info->type[0]);
      const char *want = ref_code(info->type, info->type[0]);
      if (info->mutable_ ? strcmp(have, want) != 0 : !ref_subtype(have, want))
        return "incompatible import type: global type";
    }
    return NULL;
  case W2N_EXTERN_TAG: /* canonical signature objects: equal types have equal addresses */
    return ext->u.tag && ext->u.tag->sig == info->sig ? NULL : "incompatible import type: tag type";
  }
  return "incompatible import type";
}

static void link_import(void *instance, const w2n_import_info *info, const w2n_extern *ext) {
  switch (ext->kind) {
  case W2N_EXTERN_FUNC:
    memcpy(AT(instance, info->offset), ext->u.func.ref, sizeof(w2n_funcref));
    break;
  case W2N_EXTERN_HOST_FUNC: {
    void **binding = (void **)AT(instance, info->binding_offset);
    binding[0] = (void *)ext->u.host.fn;
    binding[1] = ext->u.host.ctx;
    w2n_funcref ref = {info->sig, info->host_adapter, binding};
    memcpy(AT(instance, info->offset), &ref, sizeof ref);
    break;
  }
  case W2N_EXTERN_TABLE: *(void **)AT(instance, info->offset) = ext->u.table; break;
  case W2N_EXTERN_MEMORY: *(void **)AT(instance, info->offset) = ext->u.memory; break;
  case W2N_EXTERN_GLOBAL: *(void **)AT(instance, info->offset) = ext->u.global.value; break;
  case W2N_EXTERN_TAG: *(const void **)AT(instance, info->offset) = ext->u.tag; break;
  }
}

static void release_defined(void *instance, const w2n_module *m) {
  for (uint32_t i = 0; i < m->memory_count; i++) w2n_memory_free((w2n_memory *)AT(instance, m->memory_offsets[i]));
  for (uint32_t i = 0; i < m->table_count; i++) {
    w2n_table *t = (w2n_table *)AT(instance, m->table_offsets[i]);
    free(t->elems);
    t->elems = NULL;
  }
}

static int imports_table(const w2n_module *m) {
  for (uint32_t i = 0; i < m->import_count; i++)
    if (m->imports[i].kind == W2N_EXTERN_TABLE) return 1;
  return 0;
}

/* Memory 0 of a linked instance: its first imported memory, else its first defined one (NULL if none).
 * A defined memory's w2n_memory sits inside the instance, so the pointer is valid before the memory
 * is initialised and for the instance's whole life. */
w2n_memory *w2n_embed_memory0(void *instance);
w2n_memory *w2n_embed_memory0(void *instance) {
  const w2n_module *m = w2n_instance_module(instance);
  for (uint32_t i = 0; i < m->import_count; i++)
    if (m->imports[i].kind == W2N_EXTERN_MEMORY) return *(w2n_memory **)AT(instance, m->imports[i].offset);
  return m->memory_count ? (w2n_memory *)AT(instance, m->memory_offsets[0]) : NULL;
}

/* w2n_instantiate, calling linked(instance, arg) once the imports are in and before initialisation
 * (the start function may already call WASI: embed/wasi.c binds memory 0 there). */
w2n_result w2n_embed_instantiate(const w2n_module *module, const w2n_extern *imports, w2n_instance **out,
                                 w2n_error *err, void (*linked)(void *instance, void *arg), void *arg);
w2n_result w2n_instantiate(const w2n_module *module, const w2n_extern *imports, w2n_instance **out,
                           w2n_error *err) {
  return w2n_embed_instantiate(module, imports, out, err, NULL, NULL);
}

w2n_result w2n_embed_instantiate(const w2n_module *module, const w2n_extern *imports, w2n_instance **out,
                                 w2n_error *err, void (*linked)(void *instance, void *arg), void *arg) {
  *out = NULL;
  if (err) err->message[0] = 0;
  for (uint32_t i = 0; i < module->import_count; i++) {
    const w2n_import_info *info = &module->imports[i];
    const char *why = imports ? check_import(info, &imports[i]) : "unknown import";
    if (why) {
      if (err)
        snprintf(err->message, sizeof err->message, "%s: import %u \"%s\" \"%s\" (%s, given a %s)", why, i,
                 info->module, info->name, kind_name(info->kind), imports ? kind_name(imports[i].kind) : "nothing");
      return W2N_ERROR_LINK;
    }
  }
  size_t size = (module->instance_size + 15u) & ~(size_t)15u;
  void *instance = aligned_alloc(16, size ? size : 16);
  if (!instance) return W2N_ERROR_RESOURCES;
  memset(instance, 0, size);
  *(const w2n_module **)instance = module;
  for (uint32_t i = 0; i < module->import_count; i++) link_import(instance, &module->imports[i], &imports[i]);
  if (linked) linked(instance, arg);
  w2n_result r = w2n_embed_protect(module->initialize, instance);
  if (r != W2N_OK) {
    if (err) snprintf(err->message, sizeof err->message, "%s", w2n_result_message(r));
    /* Element segments applied before the trap may have put this instance's functions into an
     * imported table, where they stay callable (the spec keeps such effects): keep it alive then. */
    if (!imports_table(module)) {
      release_defined(instance, module);
      free(instance);
    }
    return r;
  }
  *out = (w2n_instance *)instance;
  return W2N_OK;
}

void w2n_instance_free(w2n_instance *instance) {
  if (!instance) return;
  release_defined(instance, w2n_instance_module(instance));
  free(instance);
}

const w2n_module *w2n_instance_module(const w2n_instance *instance) { return *(const w2n_module *const *)instance; }

int32_t w2n_export_index_n(const w2n_module *module, const char *name, size_t length) {
  for (uint32_t i = 0; i < module->export_count; i++)
    if (module->exports[i].name_length == length && memcmp(module->exports[i].name, name, length) == 0)
      return (int32_t)i;
  return -1;
}

int32_t w2n_export_index(const w2n_module *module, const char *name) {
  return w2n_export_index_n(module, name, strlen(name));
}

w2n_result w2n_instance_export(w2n_instance *instance, uint32_t index, w2n_extern *out) {
  const w2n_module *m = w2n_instance_module(instance);
  if (index >= m->export_count) return W2N_ERROR_ARGUMENT;
  const w2n_export_info *e = &m->exports[index];
  void *field = AT(instance, e->offset);
  void *target = e->indirect ? *(void **)field : field;
  memset(out, 0, sizeof *out);
  out->kind = e->kind;
  switch (e->kind) {
  case W2N_EXTERN_FUNC:
    out->u.func.ref = target;
    out->u.func.type = e->type;
    out->u.func.dyncall = e->dyncall;
    break;
  case W2N_EXTERN_TABLE: out->u.table = target; break;
  case W2N_EXTERN_MEMORY: out->u.memory = target; break;
  case W2N_EXTERN_GLOBAL:
    out->u.global.value = target;
    out->u.global.type = valtype_of_letter(e->type[0]);
    out->u.global.mutable_ = (int)e->mutable_;
    out->u.global.ref_type = strchr(e->type, ':') ? strchr(e->type, ':') + 1 : NULL;
    break;
  case W2N_EXTERN_TAG: out->u.tag = target; break;
  default: return W2N_ERROR_ARGUMENT;
  }
  return W2N_OK;
}

struct call_args {
  const w2n_extern *func;
  const w2n_value *args;
  w2n_value *results;
};

static void call_thunk(void *p) {
  struct call_args *c = p;
  c->func->u.func.dyncall(c->func->u.func.ref, c->args, c->results);
}

w2n_result w2n_call(const w2n_extern *func, const w2n_value *args, w2n_value *results) {
  if (func->kind != W2N_EXTERN_FUNC || !func->u.func.ref || !func->u.func.dyncall) return W2N_ERROR_ARGUMENT;
  struct call_args c = {func, args, results};
  return w2n_embed_protect(call_thunk, &c);
}

w2n_result w2n_call_export(w2n_instance *instance, uint32_t index, const w2n_value *args, w2n_value *results) {
  w2n_extern func;
  w2n_result r = w2n_instance_export(instance, index, &func);
  return r != W2N_OK ? r : w2n_call(&func, args, results);
}

/* ---- host-made memories and tables ---- */

static w2n_result create_memory(uint64_t initial_pages, uint64_t max_pages, int is64, int shared, w2n_memory **out) {
  *out = NULL;
  if (shared && max_pages == UINT64_MAX) return W2N_ERROR_ARGUMENT;
  w2n_memory *m = calloc(1, sizeof *m);
  if (!m) return W2N_ERROR_RESOURCES;
  m->has_max = max_pages != UINT64_MAX;
  m->shared = (uint32_t)!!shared;
  if (w2n_memory_reserve(m, initial_pages, m->has_max ? max_pages : is64 ? 1ull << 48 : 65536, is64) < 0) {
    free(m);
    return W2N_ERROR_RESOURCES;
  }
  *out = m;
  return W2N_OK;
}

w2n_result w2n_memory_create(uint32_t initial_pages, uint64_t max_pages, w2n_memory **out) {
  return create_memory(initial_pages, max_pages, 0, 0, out);
}

w2n_result w2n_memory_create64(uint64_t initial_pages, uint64_t max_pages, w2n_memory **out) {
  return create_memory(initial_pages, max_pages, 1, 0, out);
}

w2n_result w2n_memory_create_shared(uint64_t initial_pages, uint64_t max_pages, int is64, w2n_memory **out) {
  return create_memory(initial_pages, max_pages, is64 != 0, 1, out);
}

void w2n_memory_delete(w2n_memory *memory) {
  if (!memory) return;
  w2n_memory_free(memory);
  free(memory);
}

w2n_result w2n_table_create(w2n_valtype elem_type, uint32_t initial, uint64_t max, w2n_table **out) {
  *out = NULL;
  if ((elem_type != W2N_FUNCREF && elem_type != W2N_EXTERNREF) || (max != UINT64_MAX && max < initial))
    return W2N_ERROR_ARGUMENT;
  w2n_table *t = calloc(1, sizeof *t);
  if (!t) return W2N_ERROR_RESOURCES;
  t->elems = initial ? calloc(initial, sizeof(void *)) : NULL;
  if (initial && !t->elems) {
    free(t);
    return W2N_ERROR_RESOURCES;
  }
  t->size = initial;
  t->max = max == UINT64_MAX || max > 0xffffffffu ? 0xffffffffu : (uint32_t)max;
  t->elem_type = elem_type;
  t->has_max = max != UINT64_MAX;
  *out = t;
  return W2N_OK;
}

w2n_result w2n_table_create64(w2n_valtype elem_type, uint32_t initial, uint64_t max, w2n_table **out) {
  w2n_result r = w2n_table_create(elem_type, initial, max, out);
  if (r == W2N_OK) (*out)->is64 = 1;
  return r;
}

void w2n_table_delete(w2n_table *table) {
  if (!table) return;
  free(table->elems);
  free(table);
}

/* The allocator that src/table.c uses: the host's heap. table.c fills new elements itself. */
void *w2n_alloc(size_t size) { return calloc(1, size); }
void w2n_free(void *p) { free(p); }
void *w2n_realloc(void *p, size_t size) { return realloc(p, size); }
