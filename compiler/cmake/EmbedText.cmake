# EmbedText.cmake: writes the file IN as a C++ raw string literal to OUT (cmake -DIN=... -DOUT=... -P).
# The compiler includes the embedding API header this way, so the headers it generates carry it.
file(READ ${IN} TEXT)
file(WRITE ${OUT} "R\"W2N_EMBED(${TEXT})W2N_EMBED\"\n")
