// zlib, the system's inflate and CRC-32, for the `.keras` reader.
#include <zlib.h>
