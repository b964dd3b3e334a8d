#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>
/* mallopt: the renderer tunes the C heap for its large audio buffers (see AudioMemory.swift). */
#include <malloc.h>
