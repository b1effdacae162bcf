#include "runtime/oauth/oauth_state.h"

#include <algorithm>
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
      if (entry.second.grant != grant) return false;
      IssuedKind kind = entry.first.first;
      return std::find(kRevokedWithGrant.begin(), kRevokedWithGrant.end(), kind) != kRevokedWithGrant.end();
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

class CachedOAuthState : public OAuthState {
 public:
  explicit CachedOAuthState(std::unique_ptr<OAuthState> kept) : kept_(std::move(kept)) {}

  bool add(IssuedKind kind, const std::string& key, const IssuedEntry& entry) override {
    if (!kept_->add(kind, key, entry)) return false;
    memory_.add(kind, key, entry);
    return true;
  }

  std::optional<IssuedEntry> find(IssuedKind kind, const std::string& key) override {
    if (auto entry = memory_.find(kind, key)) return entry;
    std::optional<IssuedEntry> entry = kept_->find(kind, key);
    if (entry) memory_.add(kind, key, *entry);
    return entry;
  }

  std::optional<IssuedEntry> take(IssuedKind kind, const std::string& key) override {
    memory_.erase(kind, key);
    return kept_->take(kind, key);
  }

  void erase(IssuedKind kind, const std::string& key) override {
    kept_->erase(kind, key);
    memory_.erase(kind, key);
  }

  void revokeGrant(GrantId grant) override {
    kept_->revokeGrant(grant);
    memory_.revokeGrant(grant);
  }

  void dropExpired(std::chrono::system_clock::time_point now) override {
    kept_->dropExpired(now);
    memory_.dropExpired(now);
  }

 private:
  const std::unique_ptr<OAuthState> kept_;
  MemoryOAuthState memory_;
};

}  // namespace

std::unique_ptr<OAuthState> memoryOAuthState() { return std::make_unique<MemoryOAuthState>(); }

std::unique_ptr<OAuthState> cachedOAuthState(std::unique_ptr<OAuthState> kept) {
  return std::make_unique<CachedOAuthState>(std::move(kept));
}

}  // namespace apex::runtime
