#include "base/http_message.h"

#include "base/text.h"

namespace apex {

using text::equalsIgnoreCase;

void HttpHeaders::set(std::string name, std::string value) {
  for (Field& f : fields_) {
    if (equalsIgnoreCase(f.first, name)) {
      f.second = std::move(value);
      return;
    }
  }
  add(std::move(name), std::move(value));
}

void HttpHeaders::add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }

const std::string* HttpHeaders::get(std::string_view name) const {
  for (const Field& f : fields_) {
    if (equalsIgnoreCase(f.first, name)) return &f.second;
  }
  return nullptr;
}

bool HttpHeaders::remove(std::string_view name) {
  bool removed = false;
  for (auto it = fields_.begin(); it != fields_.end();) {
    if (equalsIgnoreCase(it->first, name)) {
      it = fields_.erase(it);
      removed = true;
    } else {
      ++it;
    }
  }
  return removed;
}

size_t HttpHeaders::byteSize() const {
  size_t n = 0;
  for (const Field& f : fields_) n += f.first.size() + f.second.size();
  return n;
}

}  // namespace apex
