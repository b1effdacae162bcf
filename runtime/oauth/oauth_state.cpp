#include "runtime/oauth/oauth_state.h"

#include <map>
#include <mutex>
#include <utility>

namespace apex::runtime {
namespace {

class MemoryOAuthState : public OAuthState {
 public:
  bool add(IssuedKind kind, const std::string& key, const IssuedEntry& entry) override {
    std::lock_guard lock(mutex_);
    return entries_.emplace(Key{kind, key}, entry).second;
  }

  std::optional<IssuedEntry> find(IssuedKind kind, const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(Key{kind, key});
    if (it == entries_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<IssuedEntry> take(IssuedKind kind, const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto node = entries_.extract(Key{kind, key});
    if (node.empty()) return std::nullopt;
    return std::move(node.mapped());
  }

  void erase(IssuedKind kind, const std::string& key) override {
    std::lock_guard lock(mutex_);
    entries_.erase(Key{kind, key});
  }

  void revokeGrant(GrantId grant) override {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [grant](const auto& entry) {
      IssuedKind kind = entry.first.first;
      return entry.second.grant == grant && (kind == IssuedKind::AccessToken || kind == IssuedKind::RefreshToken ||
                                             kind == IssuedKind::SpentRefreshToken);
    });
  }

  void dropExpired(std::chrono::system_clock::time_point now) override {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
  }

 private:
  using Key = std::pair<IssuedKind, std::string>;
  std::mutex mutex_;
  std::map<Key, IssuedEntry> entries_;
};

}  // namespace

std::unique_ptr<OAuthState> memoryOAuthState() { return std::make_unique<MemoryOAuthState>(); }

}  // namespace apex::runtime
