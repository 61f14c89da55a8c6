// zlib (CRC-32 checksums, gzip input) and LZ4 (stored-document blocks).
#include <zlib.h>
#include <lz4.h>
