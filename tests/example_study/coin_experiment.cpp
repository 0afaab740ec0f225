#include "tests/example_study/coin_experiment.h"

#include <fmt/format.h>

#include "common/check.h"
#include "common/study_context.h"
#include "data/deterministic_random.h"
#include "tests/example_study/claim_ids.h"
#include "tests/example_study/experiment_scale.h"
#include "tests/example_study/experiment_units.h"
#include "tests/example_study/verdict_rules.h"

namespace repro::example_study {
namespace {

// The margin of agreement, fixed before any run (verdict_rules.cpp says why).
constexpr double kMarginPoints = 5.0;

}  // namespace

void run_coin_experiment(StudyContext& context) {
  const bool decide = context.should_decide(kHeadsShareIsHalf);
  const bool check = context.should_check(kEveryFlipCounted);
  if (!decide && !check) return;
  const ExperimentScale scale = experiment_scale(context.tier());
  CoinFlips pooled;
  nlohmann::json rows = nlohmann::json::array();
  for (int seed = 0; seed < scale.seeds; ++seed) {
    const std::uint64_t run_seed = data::mix_seed(context.seed(), static_cast<std::uint64_t>(seed));
    const CoinFlips flips = obtain_flips(context.units(), context.tier(), run_seed, scale.flips_per_seed);
    pooled.flips += flips.flips;
    pooled.heads += flips.heads;
    rows.push_back({seed, flips.flips, flips.heads});
  }
  context.add_table({{"id", "flips_per_seed"},
                     {"title", "Heads per seed"},
                     {"columns", {"seed", "flips", "heads"}},
                     {"rows", rows}});
  context.log() << fmt::format("  {} heads of {} flips\n", pooled.heads, pooled.flips);
  if (check) {
    context.record_check(kEveryFlipCounted,
                         check_that(pooled.flips == scale.seeds * scale.flips_per_seed)
                             .measured({{"flips", pooled.flips}})
                             .rule("the pooled flips are seeds × flips per seed")
                             .reason(fmt::format("{} flips pooled", pooled.flips)));
  }
  if (decide) {
    context.decide(kHeadsShareIsHalf, heads_share_rule(pooled.heads, pooled.flips,
                                                   context.published().number("heads_percent"), kMarginPoints));
  }
}

}  // namespace repro::example_study
