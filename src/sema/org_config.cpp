#include "sema/org_config.h"

namespace apex::sema {

const std::string* CustomLabel::translation(std::string_view language) const {
  for (const auto& [key, text] : translations)
    if (text::equalsIgnoreAsciiCase(key, language)) return &text;
  size_t regional = language.find('_');
  if (regional == std::string_view::npos) return nullptr;
  return translation(language.substr(0, regional));
}

const std::string& CustomLabel::valueFor(std::string_view language) const {
  const std::string* translated = translation(language);
  return translated ? *translated : value;
}

const CustomLabel* CustomLabels::find(std::string_view name) const {
  auto found = index_.find(name);
  return found == index_.end() ? nullptr : &labels_[found->second];
}

CustomLabel* CustomLabels::find(std::string_view name) {
  auto found = index_.find(name);
  return found == index_.end() ? nullptr : &labels_[found->second];
}

CustomLabel& CustomLabels::put(CustomLabel label) {
  if (CustomLabel* existing = find(label.name)) return *existing = std::move(label);
  index_.emplace(label.name, labels_.size());
  labels_.push_back(std::move(label));
  return labels_.back();
}

}  // namespace apex::sema
