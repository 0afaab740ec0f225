#include "common/quantization/precision_policy.h"

#include <nlohmann/json.hpp>

#include "base/errors.h"

namespace repro::quantization {
namespace {

bool means_full_precision(const std::string& text) {
  return text == "full" || text == "none";
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\n\r");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\n\r");
  return text.substr(first, last - first + 1);
}

// Parses one role's value; InputError messages name the role.
std::optional<QuantizationSpec> parse_role_spec(const std::string& role, const std::string& text) {
  if (means_full_precision(text)) return std::nullopt;
  try {
    return parse_quantization_spec(text);
  } catch (const InputError& error) {
    throw InputError("precision policy role '" + role + "': " + error.what());
  } catch (const std::exception& error) {
    throw InputError("precision policy role '" + role + "': bad spec '" + text + "': " +
                     error.what());
  }
}

std::optional<QuantizationSpec> role_spec_from_json(const std::string& role,
                                                    const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) return parse_role_spec(role, value.get<std::string>());
  if (!value.is_object()) {
    throw InputError("precision policy role '" + role +
                     "': expected a spec string, an object or null, got " + value.dump());
  }
  try {
    if (!value.contains("format") || !value.at("format").is_string()) {
      throw InputError("needs a \"format\" string");
    }
    QuantizationSpec spec(value.at("format").get<std::string>());
    for (const auto& [key, field] : value.items()) {
      if (key == "format") continue;
      if (key == "rounding") {
        const std::string text = field.get<std::string>();
        const kernels::RoundingOptions rounding = kernels::parse_rounding_options(text);
        spec.rounding(rounding.mode);
        if (text.find(':') != std::string::npos) spec.random_bits(rounding.random_bits);
      } else if (key == "random_bits") {
        spec.random_bits(field.get<int>());
      } else if (key == "granularity") {
        const std::string granularity = field.get<std::string>();
        if (granularity == "per-tensor" || granularity == "per_tensor") {
          spec.granularity(AffineGranularity::per_tensor);
        } else if (granularity == "per-channel" || granularity == "per_channel" ||
                   granularity == "per-output-channel") {
          spec.granularity(AffineGranularity::per_output_channel);
        } else {
          throw InputError("unknown granularity '" + granularity + "'");
        }
      } else if (key == "range") {
        if (!field.is_array() || field.size() != 2) throw InputError("range needs [min, max]");
        spec.range(field.at(0).get<float>(), field.at(1).get<float>());
      } else {
        throw InputError("unknown field '" + key + "'");
      }
    }
    return spec;
  } catch (const std::exception& error) {
    throw InputError("precision policy role '" + role + "': " + error.what() + " in " +
                     value.dump());
  }
}

}  // namespace

PrecisionPolicy& PrecisionPolicy::set(Role role, std::optional<QuantizationSpec> spec) {
  specs_[static_cast<int>(role)] = std::move(spec);
  return *this;
}

PrecisionPolicy& PrecisionPolicy::set(Role role, const std::string& spec_text) {
  return set(role, parse_role_spec(role_name(role), spec_text));
}

PrecisionPolicy& PrecisionPolicy::all(const std::string& spec_text) {
  const std::optional<QuantizationSpec> spec = parse_role_spec("all", spec_text);
  for (Role role : kAllRoles) set(role, spec);
  return *this;
}

bool PrecisionPolicy::is_full_precision() const {
  for (const auto& spec : specs_) {
    if (spec) return false;
  }
  return true;
}

std::string PrecisionPolicy::to_string() const {
  std::string text;
  for (Role role : kAllRoles) {
    const auto& role_spec = spec(role);
    if (!role_spec) continue;
    if (!text.empty()) text += ",";
    text += std::string(role_name(role)) + "=" + role_spec->to_string();
  }
  return text.empty() ? "full" : text;
}

nlohmann::json PrecisionPolicy::to_json() const {
  nlohmann::json json = nlohmann::json::object();
  for (Role role : kAllRoles) {
    const auto& role_spec = spec(role);
    json[role_name(role)] = role_spec ? nlohmann::json(role_spec->to_string()) : nlohmann::json();
  }
  return json;
}

PrecisionPolicy precision_policy_from_json(const nlohmann::json& json) {
  if (!json.is_object()) {
    throw InputError("precision policy JSON must be an object, got " + json.dump());
  }
  PrecisionPolicy policy;
  if (json.contains("all")) {
    const auto spec = role_spec_from_json("all", json.at("all"));
    for (Role role : kAllRoles) policy.set(role, spec);
  }
  for (const auto& [key, value] : json.items()) {
    if (key == "all") continue;
    Role role;
    try {
      role = parse_role(key);
    } catch (const InputError& error) {
      throw InputError(std::string("precision policy: ") + error.what());
    }
    policy.set(role, role_spec_from_json(key, value));
  }
  return policy;
}

PrecisionPolicy parse_precision_policy(const std::string& text) {
  const std::string trimmed = trim(text);
  if (!trimmed.empty() && trimmed.front() == '{') {
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(trimmed);
    } catch (const nlohmann::json::exception& error) {
      throw InputError(std::string("precision policy: bad JSON: ") + error.what());
    }
    return precision_policy_from_json(json);
  }
  PrecisionPolicy policy;
  if (trimmed.empty() || means_full_precision(trimmed)) return policy;
  std::size_t start = 0;
  while (start <= trimmed.size()) {
    std::size_t end = trimmed.find_first_of(",;", start);
    if (end == std::string::npos) end = trimmed.size();
    const std::string entry = trim(trimmed.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos) {
      throw InputError("precision policy entry '" + entry + "' needs ROLE=SPEC");
    }
    const std::string role_text = trim(entry.substr(0, equals));
    const std::string spec_text = trim(entry.substr(equals + 1));
    if (role_text == "all") {
      policy.all(spec_text);
      continue;
    }
    Role role;
    try {
      role = parse_role(role_text);
    } catch (const InputError& error) {
      throw InputError(std::string("precision policy: ") + error.what());
    }
    policy.set(role, spec_text);
  }
  return policy;
}

std::ostream& operator<<(std::ostream& stream, const PrecisionPolicy& policy) {
  return stream << policy.to_string();
}

}  // namespace repro::quantization
