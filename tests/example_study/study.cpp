// Study `example_study`: the shape of a study folder (papers/README.md), in the smallest form.
#include "common/study_context.h"
#include "common/study_definition.h"
#include "tests/example_study/claim_ids.h"
#include "tests/example_study/coin_experiment.h"
#include "tests/example_study/verdict_rules.h"

namespace repro::example_study {
namespace {

void run(StudyContext& context) { run_coin_experiment(context); }

}  // namespace
}  // namespace repro::example_study

REPRO_STUDY(example_study, ::repro::example_study::run)
    ->title("An example study: a fair coin lands heads half the time")
    ->tiers({::repro::Tier::smoke, ::repro::Tier::reduced})
    ->declares_run_units(true)
    ->claim(::repro::ClaimSpec(::repro::example_study::kHeadsShareIsHalf)
                .text("A fair coin lands heads 50% of the time")
                .published({"heads_percent"})
                .rule(::repro::example_study::kHeadsShareRule))
    ->check(::repro::CheckSpec(::repro::example_study::kEveryFlipCounted).text("every flip of every seed is counted once"));
