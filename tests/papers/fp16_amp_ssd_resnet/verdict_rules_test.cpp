// Verdict-rule tests of fp16_amp_ssd_resnet (REPRO_RULE_TEST; tests/papers/rule_cases.h).
#include "tests/papers/rule_cases.h"
