//===- OciImage.h - Container images of compiled executables -------------===//
//
// --emit=oci: an OCI image whose root filesystem holds the static executable alone (and the empty
// directories its --dir grants name), set as the image's entrypoint; one image per target, gathered in
// a multi-platform image index when there are several. Written as an OCI image layout directory, or as
// a tar of one (`oci-archive`) when the output ends in .tar. lib/Package/OciImage.cpp says how.
//
//===----------------------------------------------------------------------===//
#ifndef WASM2NATIVE_OCIIMAGE_H
#define WASM2NATIVE_OCIIMAGE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace w2n {

/// What the image declares; its executables come one per platform.
struct OciImage {
  std::string EntryName;         ///< the executable's file name at the root (the entrypoint is /EntryName)
  std::string Tag = "latest";    ///< org.opencontainers.image.ref.name of the image in the layout's index
  std::vector<std::string> Args; ///< the config's Cmd: arguments after the entrypoint, replaced by a run's
  std::vector<std::string> Env;  ///< the config's Env, NAME=VALUE
  std::vector<std::string> Dirs; ///< absolute paths: empty directories in the layer, the config's Volumes
  std::vector<std::string> Ports; ///< the config's ExposedPorts, e.g. "8080/tcp"
  struct Executable {
    std::string Target; ///< a wasm2native target name (x86_64-linux, aarch64-linux, ...)
    std::string Bytes;  ///< the linked executable
  };
  std::vector<Executable> Executables;
};

/// True for the target names an image can hold (every target of --print-targets).
bool hasOciPlatform(llvm::StringRef Target);

/// Writes Image to Output: an OCI image layout directory, or its tar when Output ends in ".tar". The
/// bytes depend only on Image. Nothing is left behind on failure; an existing layout directory or
/// file at Output is replaced, any other directory is an error.
llvm::Error writeOciImage(const OciImage &Image, const std::string &Output);

} // namespace w2n

#endif
