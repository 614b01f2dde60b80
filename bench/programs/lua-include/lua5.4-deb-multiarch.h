/* lua5.4-deb-multiarch.h: stands in for the header Debian's lua5.4 build generates (debian/rules).
 *
 * Debian's luaconf.h includes it for DEB_HOST_MULTIARCH, which only goes into package.cpath, the search
 * path for C modules; the benchmark loads none, so any triplet will do, and native and wasm share this one. */
#define DEB_HOST_MULTIARCH "wasm32-wasi"
