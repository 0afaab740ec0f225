// A batch loader with per-epoch shuffling from a seed, background worker threads and bounded
// prefetching. Batches come out in order and their contents do not depend on the number of
// workers: batch b of epoch e is built from the indices order[b * batch_size ...] and the seed
// mix_seed(seed, e, b). Header-only and free of LibTorch; data/pipeline_batches.h builds
// tensor batches (pinned when CUDA is used) for it.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "data/deterministic_random.h"

namespace repro::data {

struct LoaderOptions {
  std::int64_t batch_size = 128;
  int workers = 2;               // 0: build batches on the calling thread
  int prefetch_batches = 4;      // batches built ahead of the consumer (per loader)
  bool shuffle = true;
  bool drop_last = false;
  std::uint64_t seed = 0;

  LoaderOptions& batch(std::int64_t value) { batch_size = value; return *this; }
  LoaderOptions& worker_threads(int value) { workers = value; return *this; }
  LoaderOptions& prefetch(int value) { prefetch_batches = value; return *this; }
  LoaderOptions& shuffled(bool value) { shuffle = value; return *this; }
  LoaderOptions& drop_last_partial(bool value) { drop_last = value; return *this; }
  LoaderOptions& random_seed(std::uint64_t value) { seed = value; return *this; }
};

// The sample order of one epoch: seeded_permutation(count, mix_seed(seed, epoch)) when
// shuffling, else 0 .. count-1.
inline std::vector<std::int64_t> epoch_order(std::int64_t count, std::int64_t epoch, const LoaderOptions& options) {
  if (options.shuffle) return seeded_permutation(count, mix_seed(options.seed, static_cast<std::uint64_t>(epoch)));
  std::vector<std::int64_t> order(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) order[static_cast<std::size_t>(i)] = i;
  return order;
}

template <typename Batch>
class PrefetchingLoader {
 public:
  // Builds one batch from dataset indices and the batch's seed. Called concurrently from the
  // worker threads: it must be thread-safe.
  using MakeBatch = std::function<Batch(const std::vector<std::int64_t>& indices, std::uint64_t batch_seed)>;

  // REQUIRES: dataset_size >= 0, options.batch_size > 0.
  PrefetchingLoader(std::int64_t dataset_size, MakeBatch make_batch, LoaderOptions options)
      : dataset_size_(dataset_size), make_batch_(std::move(make_batch)), options_(options) {}

  ~PrefetchingLoader() { stop_workers(); }
  PrefetchingLoader(const PrefetchingLoader&) = delete;
  PrefetchingLoader& operator=(const PrefetchingLoader&) = delete;

  std::int64_t batches_per_epoch() const {
    const std::int64_t full = dataset_size_ / options_.batch_size;
    return options_.drop_last || dataset_size_ % options_.batch_size == 0 ? full : full + 1;
  }

  // Starts epoch `epoch` (abandoning what is left of the previous one) and its workers.
  void start_epoch(std::int64_t epoch) {
    stop_workers();
    epoch_ = epoch;
    order_ = epoch_order(dataset_size_, epoch, options_);
    batch_count_ = batches_per_epoch();
    next_to_build_ = 0;
    next_to_return_ = 0;
    ready_.clear();
    error_ = nullptr;
    stopping_ = false;
    for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work(); });
  }

  // The next batch of the epoch in order, or nothing at its end. Rethrows a worker's exception.
  std::optional<Batch> next() {
    if (next_to_return_ >= batch_count_) return std::nullopt;
    if (options_.workers == 0) return build(next_to_return_++);
    std::unique_lock<std::mutex> lock(mutex_);
    ready_changed_.wait(lock, [this] { return error_ != nullptr || ready_.count(next_to_return_) > 0; });
    if (error_ != nullptr) std::rethrow_exception(error_);
    auto found = ready_.find(next_to_return_);
    Batch batch = std::move(found->second);
    ready_.erase(found);
    ++next_to_return_;
    space_changed_.notify_all();
    return batch;
  }

 private:
  Batch build(std::int64_t batch_index) const {
    const std::int64_t begin = batch_index * options_.batch_size;
    const std::int64_t end = std::min(dataset_size_, begin + options_.batch_size);
    std::vector<std::int64_t> indices(order_.begin() + begin, order_.begin() + end);
    return make_batch_(indices, mix_seed(options_.seed, static_cast<std::uint64_t>(epoch_), static_cast<std::uint64_t>(batch_index)));
  }

  void work() {
    while (true) {
      std::int64_t batch_index = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        space_changed_.wait(lock, [this] {
          return stopping_ || next_to_build_ >= batch_count_ ||
                 next_to_build_ < next_to_return_ + std::max(1, options_.prefetch_batches);
        });
        if (stopping_ || next_to_build_ >= batch_count_) return;
        batch_index = next_to_build_++;
      }
      try {
        Batch batch = build(batch_index);
        std::lock_guard<std::mutex> lock(mutex_);
        ready_.emplace(batch_index, std::move(batch));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (error_ == nullptr) error_ = std::current_exception();
      }
      ready_changed_.notify_all();
    }
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    space_changed_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
  }

  const std::int64_t dataset_size_;
  const MakeBatch make_batch_;
  const LoaderOptions options_;
  std::int64_t epoch_ = 0;
  std::vector<std::int64_t> order_;
  std::int64_t batch_count_ = 0;
  std::int64_t next_to_build_ = 0;
  std::int64_t next_to_return_ = 0;
  std::map<std::int64_t, Batch> ready_;
  std::exception_ptr error_;
  bool stopping_ = false;
  std::mutex mutex_;
  std::condition_variable ready_changed_;
  std::condition_variable space_changed_;
  std::vector<std::thread> workers_;
};

}  // namespace repro::data
