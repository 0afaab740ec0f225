#include "papers/cyclic_precision_training/table5_audit.h"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "base/errors.h"
#include "common/study_context.h"
#include "papers/cyclic_precision_training/claim_ids.h"
#include "papers/cyclic_precision_training/verdict_rules.h"

namespace repro::cyclic_precision_training {
namespace {

struct ImprovementClaim {
  ClaimId claim;
  const char* static_key;   // SBM's GBitOPs
  const char* cyclic_key;   // CPT's GBitOPs
  const char* printed_key;  // the "Improv." percentage, printed as a change (−30.2)
  const char* column;
};

constexpr ImprovementClaim kImprovementClaims[] = {
    {kTable5TransformerImprov8_8FollowsFromCells, "table5_transformer_wikitext103_sbm_8_8_gbitops",
     "table5_transformer_wikitext103_cpt_4_8_8_gbitops", "table5_transformer_wikitext103_improv_8_8_gbitops_percent",
     "Transformer, SBM 8/8 against CPT 4–8/8"},
    {kTable5TransformerImprov6_8FollowsFromCells, "table5_transformer_wikitext103_sbm_6_8_gbitops",
     "table5_transformer_wikitext103_cpt_4_6_8_gbitops", "table5_transformer_wikitext103_improv_6_8_gbitops_percent",
     "Transformer, SBM 6/8 against CPT 4–6/8"},
    {kTable5LstmImprov8_8FollowsFromCells, "table5_lstm_ptb_sbm_8_8_gbitops", "table5_lstm_ptb_cpt_5_8_8_gbitops",
     "table5_lstm_ptb_improv_8_8_gbitops_percent", "2-LSTM, SBM 8/8 against CPT 5–8/8"},
    {kTable5LstmImprov6_8FollowsFromCells, "table5_lstm_ptb_sbm_6_8_gbitops", "table5_lstm_ptb_cpt_5_6_8_gbitops",
     "table5_lstm_ptb_improv_6_8_gbitops_percent", "2-LSTM, SBM 6/8 against CPT 5–6/8"},
};

double change_percent(double cyclic, double fixed) { return 100.0 * (cyclic / fixed - 1.0); }

}  // namespace

std::vector<double> printed_change_percent_range(double cyclic, double cyclic_half_unit, double fixed,
                                                 double fixed_half_unit) {
  if (!(fixed - fixed_half_unit > 0.0)) {
    throw InputError(fmt::format("cyclic_precision_training: a change against {:g} ± {:g} is undefined", fixed,
                                 fixed_half_unit));
  }
  // The change rises with the CPT cell and falls with the SBM cell: its extremes lie at opposite
  // ends of the two cells' rounding intervals.
  return {change_percent(cyclic, fixed), change_percent(cyclic - cyclic_half_unit, fixed + fixed_half_unit),
          change_percent(cyclic + cyclic_half_unit, fixed - fixed_half_unit)};
}

void decide_table5_improvements(StudyContext& context) {
  const auto& published = context.published();
  for (const ImprovementClaim& item : kImprovementClaims) {
    if (!context.should_decide(item.claim)) continue;
    const double fixed = published.number(item.static_key), cyclic = published.number(item.cyclic_key);
    const double fixed_half = published.half_unit(item.static_key), cyclic_half = published.half_unit(item.cyclic_key);
    const std::vector<double> variants = printed_change_percent_range(cyclic, cyclic_half, fixed, fixed_half);
    const double printed = published.number(item.printed_key);
    const double half_unit = published.half_unit(item.printed_key);
    context.decide(item.claim,
                   printed_value_audit(kImprovementFollowsRule, fmt::format("GBitOPs change, {}", item.column), "%",
                                       printed, half_unit,
                                       fmt::format("half a unit of Table 5's printed precision ({:g})", half_unit),
                                       variants,
                                       fmt::format("(CPT − SBM) / SBM of the printed cells {:g} and {:g}, each ± half "
                                                   "a unit of its last printed digit ({:g}, {:g})",
                                                   cyclic, fixed, cyclic_half, fixed_half)));
  }
}

}  // namespace repro::cyclic_precision_training
