//===- OciImage.cpp - OCI image layouts of compiled executables -----------===//
//
// Builds an OCI image (image-spec v1.0) in memory and writes it out as an image layout: the files
// `oci-layout`, `index.json` and content-addressed blobs under blobs/sha256/. Per target, three blobs:
//   - the layer: a gzip'd ustar archive of the executable (mode 0755) and the empty directories its
//     --dir grants open, every entry owned by 0:0 with mtime 0, so the bytes depend only on the input;
//   - the config: platform, Entrypoint ["/NAME"], Cmd, Env, Volumes, ExposedPorts and the layer's
//     diff_id (the digest of the uncompressed tar);
//   - the manifest naming both.
// One target: index.json lists that manifest, with its platform and the tag as ref.name. Several:
// an image index blob lists the manifests with their platforms, and index.json lists that index under
// the tag, as multi-platform registries and `skopeo copy --all` expect.
//
// Determinism: JSON is written by llvm::json::OStream with keys in a fixed order and no timestamps
// (`created` is optional and omitted); gzip output has no name and mtime 0; zlib at a fixed level.
//
//===----------------------------------------------------------------------===//
#include "wasm2native/OciImage.h"
#include "wasm2native/Link.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/Compression.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>

using namespace w2n;
using namespace llvm;

namespace {

const char *const IndexType = "application/vnd.oci.image.index.v1+json";
const char *const ManifestType = "application/vnd.oci.image.manifest.v1+json";
const char *const ConfigType = "application/vnd.oci.image.config.v1+json";
const char *const LayerType = "application/vnd.oci.image.layer.v1.tar+gzip";

struct Platform {
  const char *Target, *Architecture, *Variant; // GOARCH names, as the image spec asks
};
const Platform Platforms[] = {
    {"x86_64-linux", "amd64", ""},
    {"aarch64-linux", "arm64", ""},
    {"armv7-linux", "arm", "v7"},
    {"riscv64-linux", "riscv64", ""},
};

const Platform *findPlatform(StringRef Target) {
  for (const Platform &P : Platforms)
    if (Target == P.Target)
      return &P;
  return nullptr;
}

Error imageError(const Twine &Message) { return createStringError(inconvertibleErrorCode(), Message); }

std::string sha256Hex(StringRef Data) {
  return toHex(SHA256::hash(arrayRefFromStringRef(Data)), /*LowerCase=*/true);
}

/// A content descriptor: media type, digest and size of a blob.
struct Descriptor {
  std::string MediaType, Digest;
  uint64_t Size = 0;
};

/// A ustar archive built in memory: 512-byte headers, contents padded to 512, two zero blocks at the end.
class TarBuilder {
public:
  Error addDirectory(StringRef Name) { return add(Name, "", '5', 0755); }
  Error addFile(StringRef Name, StringRef Contents, unsigned Mode) { return add(Name, Contents, '0', Mode); }
  std::string finish() {
    Data.append(1024, '\0');
    return std::move(Data);
  }

private:
  Error add(StringRef Name, StringRef Contents, char Type, unsigned Mode) {
    if (Name.size() > 99) // ustar's name field; a longer one would need the prefix field or pax headers
      return imageError("path too long for the image's tar layer: '" + Name + "'");
    char H[512] = {};
    memcpy(H, Name.data(), Name.size());
    snprintf(H + 100, 8, "%07o", Mode);
    snprintf(H + 108, 8, "%07o", 0u);                                // uid
    snprintf(H + 116, 8, "%07o", 0u);                                // gid
    snprintf(H + 124, 12, "%011llo", (unsigned long long)Contents.size());
    snprintf(H + 136, 12, "%011o", 0u);                              // mtime: the epoch, always
    H[156] = Type;
    memcpy(H + 257, "ustar", 6);                                     // magic "ustar\0", version "00"
    memcpy(H + 263, "00", 2);
    memset(H + 148, ' ', 8); // the checksum counts its own field as spaces
    unsigned Sum = 0;
    for (unsigned char C : H)
      Sum += C;
    snprintf(H + 148, 8, "%06o", Sum);
    Data.append(H, sizeof H);
    Data.append(Contents.data(), Contents.size());
    Data.append((512 - Contents.size() % 512) % 512, '\0');
    return Error::success();
  }
  std::string Data;
};

void appendLE32(std::string &S, uint32_t V) {
  for (int I = 0; I < 4; ++I)
    S.push_back(char(V >> (8 * I)));
}

/// gzip (RFC 1952) around zlib's deflate stream: zlib's 2-byte header and Adler-32 trailer give way to
/// a gzip header without name or mtime and a CRC-32 and length trailer.
Expected<std::string> gzip(StringRef Data) {
  if (!compression::zlib::isAvailable())
    return imageError("--emit=oci needs zlib, which this LLVM was built without");
  SmallVector<uint8_t, 0> Z;
  compression::zlib::compress(arrayRefFromStringRef(Data), Z, compression::zlib::BestSizeCompression);
  std::string Out = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, 2, '\xff'}; // deflate, no flags, mtime 0, max, OS unknown
  Out.append(Z.begin() + 2, Z.end() - 4);
  appendLE32(Out, crc32(arrayRefFromStringRef(Data)));
  appendLE32(Out, uint32_t(Data.size()));
  return Out;
}

/// The blobs of an image by digest, in digest order (the order the tar of the layout lists them).
class BlobStore {
public:
  Descriptor add(const char *MediaType, std::string Bytes) {
    Descriptor D{MediaType, "sha256:" + sha256Hex(Bytes), Bytes.size()};
    Blobs[D.Digest.substr(7)] = std::move(Bytes);
    return D;
  }
  const std::map<std::string, std::string> &blobs() const { return Blobs; }

private:
  std::map<std::string, std::string> Blobs;
};

void writeDescriptor(json::OStream &J, const Descriptor &D, const Platform *P = nullptr,
                     StringRef RefName = "") {
  J.object([&] {
    J.attribute("mediaType", D.MediaType);
    J.attribute("digest", D.Digest);
    J.attribute("size", int64_t(D.Size));
    if (P)
      J.attributeObject("platform", [&] {
        J.attribute("architecture", P->Architecture);
        J.attribute("os", "linux");
        if (*P->Variant)
          J.attribute("variant", P->Variant);
      });
    if (!RefName.empty())
      J.attributeObject("annotations", [&] { J.attribute("org.opencontainers.image.ref.name", RefName); });
  });
}

template <typename Fn> std::string jsonText(Fn Write) {
  std::string Text;
  raw_string_ostream OS(Text);
  json::OStream J(OS);
  Write(J);
  OS.flush();
  return Text;
}

void writeStrings(json::OStream &J, StringRef Key, ArrayRef<std::string> Values) {
  J.attributeArray(Key, [&] {
    for (const std::string &V : Values)
      J.value(V);
  });
}

/// Keys of a JSON "set" (Volumes, ExposedPorts): each maps to an empty object.
void writeSet(json::OStream &J, StringRef Key, ArrayRef<std::string> Values) {
  J.attributeObject(Key, [&] {
    for (const std::string &V : Values)
      J.attributeObject(V, [] {});
  });
}

std::string configJson(const OciImage &Image, const Platform &P, StringRef DiffId) {
  return jsonText([&](json::OStream &J) {
    J.object([&] {
      J.attribute("architecture", P.Architecture);
      J.attribute("os", "linux");
      if (*P.Variant)
        J.attribute("variant", P.Variant);
      J.attributeObject("config", [&] {
        writeStrings(J, "Entrypoint", {"/" + Image.EntryName});
        if (!Image.Args.empty())
          writeStrings(J, "Cmd", Image.Args);
        if (!Image.Env.empty())
          writeStrings(J, "Env", Image.Env);
        if (!Image.Ports.empty())
          writeSet(J, "ExposedPorts", Image.Ports);
        if (!Image.Dirs.empty())
          writeSet(J, "Volumes", Image.Dirs);
        J.attribute("WorkingDir", "/");
      });
      J.attributeObject("rootfs", [&] {
        J.attribute("type", "layers");
        J.attributeArray("diff_ids", [&] { J.value(DiffId); });
      });
      J.attributeArray("history", [&] {
        J.object([&] { J.attribute("created_by", "wasm2native --emit=oci"); });
      });
    });
  });
}

/// The layer's tar: each directory of Dirs with its parents, then the executable.
Expected<std::string> layerTar(const OciImage &Image, StringRef Executable) {
  std::set<std::string> Directories; // sorted, so a parent comes before its children
  for (const std::string &D : Image.Dirs) {
    SmallVector<StringRef, 8> Parts;
    StringRef(D).split(Parts, '/', -1, /*KeepEmpty=*/false);
    std::string Path;
    for (StringRef P : Parts)
      Directories.insert(Path += (P + "/").str());
  }
  TarBuilder Tar;
  for (const std::string &D : Directories)
    if (Error E = Tar.addDirectory(D))
      return E;
  if (Error E = Tar.addFile(Image.EntryName, Executable, 0755))
    return E;
  return Tar.finish();
}

/// The manifest of one platform's image, its layer and config stored in Blobs.
Expected<Descriptor> addImage(const OciImage &Image, const OciImage::Executable &Exe, const Platform &P,
                              BlobStore &Blobs) {
  auto Tar = layerTar(Image, Exe.Bytes);
  if (!Tar)
    return Tar.takeError();
  std::string DiffId = "sha256:" + sha256Hex(*Tar);
  auto Compressed = gzip(*Tar);
  if (!Compressed)
    return Compressed.takeError();
  Descriptor Layer = Blobs.add(LayerType, std::move(*Compressed));
  Descriptor Config = Blobs.add(ConfigType, configJson(Image, P, DiffId));
  return Blobs.add(ManifestType, jsonText([&](json::OStream &J) {
                     J.object([&] {
                       J.attribute("schemaVersion", 2);
                       J.attribute("mediaType", ManifestType);
                       J.attributeBegin("config");
                       writeDescriptor(J, Config);
                       J.attributeEnd();
                       J.attributeArray("layers", [&] { writeDescriptor(J, Layer); });
                     });
                   }));
}

/// index.json (or an image index blob): the manifests listed, each with its platform when given.
std::string indexJson(ArrayRef<Descriptor> Manifests, ArrayRef<const Platform *> Platforms, StringRef RefName) {
  return jsonText([&](json::OStream &J) {
    J.object([&] {
      J.attribute("schemaVersion", 2);
      J.attribute("mediaType", IndexType);
      J.attributeArray("manifests", [&] {
        for (size_t I = 0; I < Manifests.size(); ++I)
          writeDescriptor(J, Manifests[I], Platforms.empty() ? nullptr : Platforms[I], RefName);
      });
    });
  });
}

/// The layout's files by path, blobs in digest order.
using LayoutFiles = std::vector<std::pair<std::string, std::string>>;

Expected<LayoutFiles> buildLayout(const OciImage &Image) {
  BlobStore Blobs;
  std::vector<Descriptor> Manifests;
  std::vector<const Platform *> Used;
  for (const OciImage::Executable &Exe : Image.Executables) {
    const Platform *P = findPlatform(Exe.Target);
    if (!P)
      return imageError("no OCI platform for target " + Exe.Target);
    for (const Platform *Other : Used)
      if (Other == P)
        return imageError("--target " + Exe.Target + " given twice for one image");
    auto Manifest = addImage(Image, Exe, *P, Blobs);
    if (!Manifest)
      return Manifest.takeError();
    Manifests.push_back(*Manifest);
    Used.push_back(P);
  }
  std::string Top;
  if (Manifests.size() == 1) {
    Top = indexJson(Manifests, Used, Image.Tag);
  } else {
    Descriptor Index = Blobs.add(IndexType, indexJson(Manifests, Used, ""));
    Top = indexJson({Index}, {}, Image.Tag);
  }
  LayoutFiles Files = {{"oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}"}, {"index.json", Top}};
  for (const auto &[Hex, Bytes] : Blobs.blobs())
    Files.push_back({"blobs/sha256/" + Hex, Bytes});
  return Files;
}

Expected<std::string> layoutTar(const LayoutFiles &Files) {
  TarBuilder Tar;
  if (Error E = Tar.addDirectory("blobs/"))
    return E;
  if (Error E = Tar.addDirectory("blobs/sha256/"))
    return E;
  for (const auto &[Path, Bytes] : Files)
    if (Error E = Tar.addFile(Path, Bytes, 0644))
      return E;
  return Tar.finish();
}

Error writeFile(const Twine &Path, StringRef Bytes) {
  std::error_code EC;
  raw_fd_ostream OS(Path.str(), EC);
  if (!EC) {
    OS << Bytes;
    OS.close();
    EC = OS.error();
  }
  return EC ? imageError("cannot write '" + Path + "': " + EC.message()) : Error::success();
}

/// The layout directory, written beside Output under a unique name and renamed onto it.
Error writeLayoutDirectory(const LayoutFiles &Files, const std::string &Output) {
  bool Exists = sys::fs::exists(Output);
  if (sys::fs::is_directory(Output) && !sys::fs::exists(Output + "/oci-layout"))
    return imageError("'" + Output + "' is a directory but not an OCI image layout; not replacing it");
  SmallString<256> Temp;
  if (std::error_code EC = sys::fs::createUniqueDirectory(Output + ".tmp", Temp))
    return imageError("cannot create a directory beside '" + Output + "': " + EC.message());
  Error E = Error::success();
  if (std::error_code EC = sys::fs::create_directories(Temp + "/blobs/sha256"))
    E = imageError("cannot create '" + Temp + "/blobs/sha256': " + EC.message());
  for (size_t I = 0; I < Files.size() && !E; ++I)
    E = writeFile(Temp + "/" + Files[I].first, Files[I].second);
  if (!E && Exists) {
    if (sys::fs::is_directory(Output))
      sys::fs::remove_directories(Output);
    else
      sys::fs::remove(Output);
  }
  if (!E)
    if (std::error_code EC = sys::fs::rename(Temp, Output))
      E = imageError("cannot rename '" + Temp + "' to '" + Output + "': " + EC.message());
  if (E)
    sys::fs::remove_directories(Temp);
  return E;
}

} // namespace

bool w2n::hasOciPlatform(StringRef Target) { return findPlatform(Target) != nullptr; }

Error w2n::writeOciImage(const OciImage &Image, const std::string &Output) {
  auto Files = buildLayout(Image);
  if (!Files)
    return Files.takeError();
  if (!StringRef(Output).ends_with(".tar"))
    return writeLayoutDirectory(*Files, Output);
  auto Tar = layoutTar(*Files);
  if (!Tar)
    return Tar.takeError();
  return writeFileAtomically(Output, *Tar, false);
}
