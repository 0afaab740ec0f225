// The current time as a UTC ISO-8601 text: what runs, records and snapshots are stamped with.
#pragma once

#include <string>

namespace repro {

// The current UTC time as "2026-11-23T09:00:00Z" (whole seconds).
std::string utc_timestamp_now();

}  // namespace repro
