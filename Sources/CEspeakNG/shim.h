#include <espeak-ng/speak_lib.h>
#include <espeak-ng/espeak_ng.h>
/* mallopt: the renderer tunes the C heap for its large audio buffers (see AudioMemory.swift). */
#include <malloc.h>
/* prctl is variadic, which Swift cannot call: a synthesis worker's child for a unit asks to be
   killed when the worker dies, so that it never outlives it (see SynthesisWorker.swift). */
#include <sys/prctl.h>
#include <signal.h>
static inline int audiobook_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }
