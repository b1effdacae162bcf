// Where apexrun serve's authorization server keeps what it has issued:
// authorization codes, access and refresh tokens, and what it must
// remember having seen (redeemed codes, rotated refresh tokens, JWT
// assertions). In memory by default; `serve --db` keeps them in the org's
// database (runtime/serve/sql_oauth_state.h), so that a restart keeps
// sessions and several serve processes sharing one database honour each
// other's tokens.
//
// Keys are what the server makes of a token, never the token itself
// (OAuthServer hashes them), so a copy of the database gives no one a
// session.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace apex::runtime {

enum class IssuedKind : uint8_t {
  Code,               // an authorization code waiting for its token request
  SpentCode,          // a redeemed code, with the grant it started
  AccessToken,        // a session
  RefreshToken,       // a refresh token that still works
  SpentRefreshToken,  // a rotated refresh token, with its grant
  UsedAssertion,      // a JWT bearer assertion already taken
};

// What revoking a grant removes: its sessions, its refresh tokens and the
// marks of its rotated ones. A redeemed code's mark stays, so that its
// replay still revokes.
constexpr std::array<IssuedKind, 3> kRevokedWithGrant = {IssuedKind::AccessToken, IssuedKind::RefreshToken,
                                                         IssuedKind::SpentRefreshToken};

// One grant is one approval: its refresh tokens and the access tokens issued
// with them are revoked together.
using GrantId = std::uint64_t;

struct IssuedEntry {
  std::string data;  // what the entry stands for, as the server writes it (JSON)
  std::chrono::system_clock::time_point expires = std::chrono::system_clock::time_point::max();
  GrantId grant = 0;
};

// Thread-safe, and safe for several processes where the store is shared:
// add() and take() are single operations there too.
class OAuthState {
 public:
  virtual ~OAuthState() = default;
  // Adds `entry` under `key`; false, changing nothing, when the key is taken.
  virtual bool add(IssuedKind kind, const std::string& key, const IssuedEntry& entry) = 0;
  virtual std::optional<IssuedEntry> find(IssuedKind kind, const std::string& key) = 0;
  // Finds and removes the entry: of two takers at once, one gets it.
  virtual std::optional<IssuedEntry> take(IssuedKind kind, const std::string& key) = 0;
  virtual void erase(IssuedKind kind, const std::string& key) = 0;
  // Removes the entries of `grant` of the kinds kRevokedWithGrant names.
  virtual void revokeGrant(GrantId grant) = 0;
  // Removes what expired at or before `now`.
  virtual void dropExpired(std::chrono::system_clock::time_point now) = 0;
};

// An OAuthState in this process's memory: gone when it ends.
std::unique_ptr<OAuthState> memoryOAuthState();
// `kept` (a file only this process writes) with a copy in memory: every
// change goes to both, and a lookup reads the file only for what the
// memory does not hold (what an earlier process issued). Checking a session
// then costs no read of the file, which would hold off the org's commits.
std::unique_ptr<OAuthState> cachedOAuthState(std::unique_ptr<OAuthState> kept);

}  // namespace apex::runtime
