// Snowball's libstemmer (Debian libstemmer-dev). A stemmer's result buffer is reused by the next
// call, so a stemmer is per-task mutable state: one per worker, never shared.
#include <libstemmer.h>
