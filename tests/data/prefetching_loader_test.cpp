// PrefetchingLoader (no LibTorch): order, per-epoch shuffling, independence from the number
// of workers, drop_last, error propagation.
#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "data/prefetching_loader.h"

namespace repro::data {
namespace {

struct IndexBatch {
  std::vector<std::int64_t> indices;
  std::uint64_t seed = 0;
};

std::vector<IndexBatch> run_epoch(std::int64_t size, LoaderOptions options, std::int64_t epoch) {
  PrefetchingLoader<IndexBatch> loader(
      size, [](const std::vector<std::int64_t>& indices, std::uint64_t seed) { return IndexBatch{indices, seed}; },
      options);
  loader.start_epoch(epoch);
  std::vector<IndexBatch> batches;
  while (auto batch = loader.next()) batches.push_back(*batch);
  return batches;
}

TEST(PrefetchingLoader, CoversEveryIndexOncePerEpochInBatches) {
  const auto batches = run_epoch(103, LoaderOptions().batch(10).worker_threads(3).random_seed(7), 0);
  ASSERT_EQ(batches.size(), 11u);
  EXPECT_EQ(batches.back().indices.size(), 3u);
  std::set<std::int64_t> seen;
  for (const auto& batch : batches) seen.insert(batch.indices.begin(), batch.indices.end());
  EXPECT_EQ(seen.size(), 103u);
  EXPECT_EQ(*seen.rbegin(), 102);
  EXPECT_EQ(run_epoch(103, LoaderOptions().batch(10).drop_last_partial(true), 0).size(), 10u);
}

TEST(PrefetchingLoader, ShufflesPerEpochIndependentlyOfWorkerCount) {
  const LoaderOptions base = LoaderOptions().batch(16).random_seed(42).prefetch(2);
  const auto serial = run_epoch(200, LoaderOptions(base).worker_threads(0), 1);
  const auto parallel = run_epoch(200, LoaderOptions(base).worker_threads(4), 1);
  ASSERT_EQ(serial.size(), parallel.size());
  for (std::size_t i = 0; i < serial.size(); ++i) {
    EXPECT_EQ(serial[i].indices, parallel[i].indices);
    EXPECT_EQ(serial[i].seed, parallel[i].seed);
  }
  const auto next_epoch = run_epoch(200, LoaderOptions(base).worker_threads(2), 2);
  EXPECT_NE(serial[0].indices, next_epoch[0].indices);
  const auto in_order = run_epoch(20, LoaderOptions().batch(8).shuffled(false), 0);
  EXPECT_EQ(in_order[0].indices, (std::vector<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(PrefetchingLoader, RethrowsAWorkersException) {
  PrefetchingLoader<int> loader(
      50,
      [](const std::vector<std::int64_t>& indices, std::uint64_t) -> int {
        for (std::int64_t index : indices)
          if (index == 33) throw std::runtime_error("bad sample 33");
        return static_cast<int>(indices.size());
      },
      LoaderOptions().batch(5).worker_threads(2).shuffled(false));
  loader.start_epoch(0);
  int batches = 0;
  try {
    while (loader.next()) ++batches;
    FAIL() << "expected the worker's exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "bad sample 33");
  }
  EXPECT_LE(batches, 6);
  loader.start_epoch(1);  // restarting after an error works
}

}  // namespace
}  // namespace repro::data
