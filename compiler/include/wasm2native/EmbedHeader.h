//===- EmbedHeader.h - The C header of an embedded module -----------------===//
//
// writeEmbedHeader produces the header that --emit=obj writes beside the object: the embedding API
// (runtime-lib/include/w2n_embed.h, included verbatim so the header stands alone), the module's
// descriptor, its imports in order, and a typed inline wrapper for each export.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_EMBEDHEADER_H
#define WASM2NATIVE_EMBEDHEADER_H

#include "wasm2native/Module.h"
#include <string>

namespace w2n {

/// Is Name usable as the module name, i.e. as the prefix of C identifiers?
bool isValidModuleName(const std::string &Name);
/// A module name derived from a file name: its stem with other characters replaced by '_'.
std::string moduleNameFromPath(const std::string &Path);

std::string writeEmbedHeader(const Module &M, const std::string &ModuleName, const std::string &Source);

/// --emit=host-header: declarations of the host functions an executable links for the module's
/// non-WASI imports (HostHeader.cpp).
std::string writeHostHeader(const Module &M, const std::string &Source);

} // namespace w2n

#endif
