// A study: one paper's reproduction. Registered with one declaration, as Google Benchmark
// registers a benchmark:
//
//   void run_dogs_vs_cats(repro::StudyContext& context);
//   REPRO_STUDY(dogs_vs_cats_mixed_precision, run_dogs_vs_cats)
//       ->title("Testing Mixed-Precision for VGG, Inception and ResNet on the Dogs vs. Cats Dataset")
//       ->tiers({repro::Tier::smoke, repro::Tier::reduced, repro::Tier::full})
//       ->gpu_tiers({repro::Tier::full})
//       ->claim(repro::ClaimSpec("table3_vgg").text("...").published({"table3_vgg_mcnemar_p"}));
//
// The study owns its experiment and decides its claims; the runner (study_runner.h) owns
// scheduling, skipping, expected verdicts and results.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/check.h"
#include "common/claim.h"
#include "common/tier.h"

namespace repro {

class StudyContext;

class StudyDefinition {
 public:
  using RunFunction = std::function<void(StudyContext&)>;

  StudyDefinition(std::string id, RunFunction run) : id_(std::move(id)), run_(std::move(run)) {}

  StudyDefinition* title(std::string value) { title_ = std::move(value); return this; }
  // The tiers this study supports (the only declaration of them: CTest's study tests come from
  // tier_tests() through `repro list --json`).
  StudyDefinition* tiers(std::vector<Tier> value) { tiers_ = std::move(value); return this; }
  // The tiers whose protocol needs a CUDA device. REQUIRES: each is one of tiers() (else
  // tier_tests() throws std::logic_error).
  StudyDefinition* gpu_tiers(std::vector<Tier> value) { gpu_tiers_ = std::move(value); return this; }
  // The study's trainings and measurements are run units (common/run_units.h), obtained through
  // StudyContext::units(): `repro plan` lists them and `repro run --shard K/N` shares them out.
  // A study without (the default) trains inside its run; its plan is empty and its shards idle.
  StudyDefinition* declares_run_units(bool value) { declares_run_units_ = value; return this; }
  // How long the tier's CTest takes on the 2-core CI machine, in minutes, as measured (a
  // scheduling hint only: CTest's COST, so that `ctest -j` starts the longest tier tests first
  // instead of finishing on one of them). REQUIRES: minutes >= 0; tier is one of tiers().
  StudyDefinition* test_minutes(Tier tier, double minutes);
  StudyDefinition* claim(ClaimSpec spec);
  StudyDefinition* claims(std::vector<ClaimSpec> specs);
  // Mechanics checks (common/check.h): listed apart from the paper's claims.
  StudyDefinition* check(CheckSpec spec);
  StudyDefinition* checks(std::vector<CheckSpec> specs);

  const std::string& id() const { return id_; }
  const std::string& title() const { return title_; }
  const std::vector<Tier>& tiers() const { return tiers_; }
  const std::vector<Tier>& gpu_tiers() const { return gpu_tiers_; }
  bool declares_run_units() const { return declares_run_units_; }
  // The CTest runs of this study: every GPU tier on CUDA ("study.<id>.<tier>.cuda"), and on the CPU
  // every other smoke and reduced tier ("study.<id>.<tier>"). A full tier on the CPU has no test
  // (hours to days: run by hand or on a cluster).
  struct TierTest {
    std::string name;
    Tier tier = Tier::smoke;
    bool cuda = false;
    double minutes = 0.0;  // test_minutes() of the tier; 0 when not declared
  };
  std::vector<TierTest> tier_tests() const;
  const std::vector<ClaimSpec>& claims() const { return claims_; }
  const ClaimSpec* find_claim(const std::string& claim_id) const;
  const std::vector<CheckSpec>& checks() const { return checks_; }
  const CheckSpec* find_check(const std::string& check_id) const;
  void run(StudyContext& context) const { run_(context); }

 private:
  std::string id_;
  std::string title_;
  std::vector<Tier> tiers_{Tier::smoke};
  std::vector<Tier> gpu_tiers_;
  bool declares_run_units_ = false;
  std::map<Tier, double> test_minutes_;
  std::vector<ClaimSpec> claims_;
  std::vector<CheckSpec> checks_;
  RunFunction run_;
};

// Adds a study to the global registry; the pointer stays valid for the program's life.
StudyDefinition* register_study(const std::string& id, StudyDefinition::RunFunction run);

}  // namespace repro

#define REPRO_STUDY_CONCATENATE_INNER(a, b) a##b
#define REPRO_STUDY_CONCATENATE(a, b) REPRO_STUDY_CONCATENATE_INNER(a, b)
// REPRO_STUDY(id, run_function): registers study `id` (a C identifier, also its folder name
// under papers/) at static-initialisation time.
#define REPRO_STUDY(id, run_function)                                              \
  static ::repro::StudyDefinition* REPRO_STUDY_CONCATENATE(repro_study_, id) \
      [[maybe_unused]] = ::repro::register_study(#id, run_function)
