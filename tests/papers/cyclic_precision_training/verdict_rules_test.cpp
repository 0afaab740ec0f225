// Verdict-rule tests of cyclic_precision_training (REPRO_RULE_TEST; tests/papers/rule_cases.h).
#include "tests/papers/rule_cases.h"
