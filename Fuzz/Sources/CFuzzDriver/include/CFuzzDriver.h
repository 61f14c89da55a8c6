#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt FuzzerDriver.cpp, linked by -sanitize=fuzzer). SwiftPM gives
/// every executable target its own entry point (<module>_main, aliased to main at link time), so
/// libFuzzer's own main() is never linked; each target's @main calls this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
