// The ids of this study's claims and checks, each declared once: common/claim_id.h.
#pragma once

#include <optional>

#include "common/claim_id.h"

namespace repro::cyclic_precision_training {

// Training BitOPs saved by the cosine schedule: Table 2, the CIFAR-100 figure, Table 5.
inline constexpr ClaimId kTable2SavingFw3_8Bw8{"table2_saving_fw3_8_bw8"};
inline constexpr ClaimId kTable2SavingFw3_6Bw6{"table2_saving_fw3_6_bw6"};
inline constexpr ClaimId kTable2SavingFw4_8Bw8{"table2_saving_fw4_8_bw8"};
inline constexpr ClaimId kTable2SavingFw4_6Bw6{"table2_saving_fw4_6_bw6"};
inline constexpr ClaimId kFigureCifar100OpsSavingFw3_8Bw8{"figure_cifar100_ops_saving_fw3_8_bw8"};
inline constexpr ClaimId kFigureCifar100OpsSavingFw3_6Bw6{"figure_cifar100_ops_saving_fw3_6_bw6"};
inline constexpr ClaimId kTable5TransformerSavingFw4_8Bw8{"table5_transformer_saving_fw4_8_bw8"};
inline constexpr ClaimId kTable5TransformerSavingFw4_6Bw8{"table5_transformer_saving_fw4_6_bw8"};
inline constexpr ClaimId kTable5LstmSavingFw5_8Bw8{"table5_lstm_saving_fw5_8_bw8"};
inline constexpr ClaimId kTable5LstmSavingFw5_6Bw8{"table5_lstm_saving_fw5_6_bw8"};

// Table 5's "Improv." percentages against its own printed GBitOPs cells.
inline constexpr ClaimId kTable5TransformerImprov8_8FollowsFromCells{"table5_transformer_improv_8_8_follows_from_cells"};
inline constexpr ClaimId kTable5TransformerImprov6_8FollowsFromCells{"table5_transformer_improv_6_8_follows_from_cells"};
inline constexpr ClaimId kTable5LstmImprov8_8FollowsFromCells{"table5_lstm_improv_8_8_follows_from_cells"};
inline constexpr ClaimId kTable5LstmImprov6_8FollowsFromCells{"table5_lstm_improv_6_8_follows_from_cells"};

// Table 2's training GBitOPs of ResNet-74 on CIFAR-100 (architecture_bitops.cpp).
inline constexpr ClaimId kTable2Resnet74GbitopsStatic8{"table2_resnet74_gbitops_static8"};
inline constexpr ClaimId kTable2Resnet74GbitopsCpt3_8{"table2_resnet74_gbitops_cpt3_8"};

// Claims no run here can decide (skipped with the reason at every tier).
inline constexpr ClaimId kTable2FpgaLatency{"table2_fpga_latency"};
inline constexpr ClaimId kTable5LanguageModels{"table5_language_models"};

// Reduced tier: ResNet-8 on FashionMNIST.
inline constexpr ClaimId kReducedCptNotWorseThanStatic{"reduced_cpt_not_worse_than_static"};
inline constexpr ClaimId kReducedCptBetterThanStatic{"reduced_cpt_better_than_static"};
inline constexpr ClaimId kReducedTable1LowPrecisionHelpsAtLowLr{"reduced_table1_low_precision_helps_at_low_lr"};
inline constexpr ClaimId kReducedTable1BenefitLargerAtLowLr{"reduced_table1_benefit_larger_at_low_lr"};

// Full tier: the paper's protocol, ResNet-74 on CIFAR-100.
inline constexpr ClaimId kFullCptNotWorseThanStatic{"full_cpt_not_worse_than_static"};
inline constexpr ClaimId kFullCptBetterThanStatic{"full_cpt_better_than_static"};
inline constexpr ClaimId kFullTable2Resnet74Cifar100Cpt{"full_table2_resnet74_cifar100_cpt"};
inline constexpr ClaimId kFullTable2Resnet74Cifar100Sbm{"full_table2_resnet74_cifar100_sbm"};
inline constexpr ClaimId kFullTable1LowPrecisionHelpsAtLowLr{"full_table1_low_precision_helps_at_low_lr"};
inline constexpr ClaimId kFullTable1BenefitLargerAtLowLr{"full_table1_benefit_larger_at_low_lr"};

// Mechanics checks: our implementation recomputed, not claims of the paper.
inline constexpr CheckId kSmokeCptTrainsWithFewerBitops{"smoke_cpt_trains_with_fewer_bitops"};
inline constexpr CheckId kScheduleFormulaExact{"schedule_formula_exact"};
inline constexpr CheckId kReducedCptTrainsWithFewerBitops{"reduced_cpt_trains_with_fewer_bitops"};
inline constexpr CheckId kFullCptTrainsWithFewerBitops{"full_cpt_trains_with_fewer_bitops"};

// The training claims and check of one tier (training_experiments.cpp); a claim the tier does not
// declare is absent (std::nullopt) and never decided there.
struct TrainingClaims {
  std::optional<ClaimId> cpt_not_worse;             // CPT 3–8/8 within the margin of static 8/8
  std::optional<ClaimId> cpt_better;                // CPT 3–8/8 more accurate than static 8/8
  std::optional<ClaimId> table2_cpt_accuracy;       // Table 2's CPT 3–8/8 accuracy
  std::optional<ClaimId> table2_sbm_accuracy;       // Table 2's static 8/8 (SBM) accuracy
  std::optional<ClaimId> table1_helps_at_low_lr;    // Table 1: a 4-bit phase 1 helps at lr 0.01
  std::optional<ClaimId> table1_larger_at_low_lr;   // Table 1: and helps more at 0.01 than at 0.1
  CheckId fewer_bitops;                             // our cost count: CPT trains with fewer BitOPs
};

inline constexpr TrainingClaims kSmokeTrainingClaims{std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                                     std::nullopt, std::nullopt, kSmokeCptTrainsWithFewerBitops};
inline constexpr TrainingClaims kReducedTrainingClaims{kReducedCptNotWorseThanStatic,
                                                       kReducedCptBetterThanStatic,
                                                       std::nullopt,
                                                       std::nullopt,
                                                       kReducedTable1LowPrecisionHelpsAtLowLr,
                                                       kReducedTable1BenefitLargerAtLowLr,
                                                       kReducedCptTrainsWithFewerBitops};
inline constexpr TrainingClaims kFullTrainingClaims{kFullCptNotWorseThanStatic,
                                                    kFullCptBetterThanStatic,
                                                    kFullTable2Resnet74Cifar100Cpt,
                                                    kFullTable2Resnet74Cifar100Sbm,
                                                    kFullTable1LowPrecisionHelpsAtLowLr,
                                                    kFullTable1BenefitLargerAtLowLr,
                                                    kFullCptTrainsWithFewerBitops};

}  // namespace repro::cyclic_precision_training
